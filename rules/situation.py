"""The household situation a short conversation can collect, in the vocabulary of the conversation (not OpenFisca's).

Every field is optional: ``None`` means "not asked or not known". What fills an unknown, and which other value is tried
to see whether the answer depends on it, is data (``rules/assumptions.yml``) read by ``rules/household.py``.
Amounts are monthly and net (what the resident sees on a pay slip or a bank statement), in euros, unless the field says
otherwise; "current" incomes are taken as repeated over every past month and year the law reads.

The walking skeleton's body ``{"age": 34}`` is still a valid situation: one adult of 34, nothing else told.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from facts.insee import DEPCOM_PATTERN

MonthlyAmount = Annotated[float, Field(ge=0, le=100_000)]
"""A monthly amount in euros: never negative, never absurd (a typo of a yearly amount is still accepted)."""



def _past_date(value: date | None) -> date | None:
    if value is not None and not date(1900, 1, 1) <= value <= date.today():
        raise PydanticCustomError("birth_date_out_of_range", "the birth date must be in the past, after 1900")
    return value


class Activity(StrEnum):
    """What an adult does, in the words of the conversation."""

    EMPLOYED = "employed"
    SELF_EMPLOYED = "self_employed"
    UNEMPLOYED = "unemployed"
    STUDENT = "student"
    RETIRED = "retired"
    INACTIVE = "inactive"


class SchoolLevel(StrEnum):
    """Where a child goes to school this school year (school grants are for collège and lycée pupils)."""

    NONE = "none"  # not at school yet, or no longer
    NURSERY = "maternelle"
    PRIMARY = "primaire"
    MIDDLE = "college"
    HIGH = "lycee"
    HIGHER = "superieur"


class Nationality(StrEnum):
    """Enough to apply the residence conditions of the RSA, the ASPA and the AAH."""

    FRENCH = "fr"
    EUROPEAN = "eu"  # EU, EEA or Switzerland
    OTHER = "other"


class HousingStatus(StrEnum):
    """How the household is housed."""

    TENANT = "tenant"  # private rent, unfurnished
    TENANT_FURNISHED = "tenant_furnished"
    SOCIAL_TENANT = "social_tenant"  # HLM
    OWNER = "owner"
    OWNER_WITH_LOAN = "owner_with_loan"
    HOSTED = "hosted"  # hosted free of charge
    HOMELESS = "homeless"
    STUDENT_RESIDENCE = "student_residence"  # CROUS


RENTED = frozenset({HousingStatus.TENANT, HousingStatus.TENANT_FURNISHED, HousingStatus.SOCIAL_TENANT,
                    HousingStatus.STUDENT_RESIDENCE})


class Incomes(BaseModel):
    """Monthly net incomes of one adult, by kind: a kind left out (or 0) is not received."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    salary: MonthlyAmount | None = Field(default=None, description="Net salary, per month.")
    self_employment: MonthlyAmount | None = Field(
        default=None, description="Micro-entrepreneur turnover (services), per month.")
    unemployment: MonthlyAmount | None = Field(default=None, description="Unemployment benefit (ARE), per month.")
    pension: MonthlyAmount | None = Field(default=None, description="Retirement pensions, net, per month.")
    rsa: MonthlyAmount | None = Field(default=None, description="RSA already received, per month.")
    ppa: MonthlyAmount | None = Field(default=None, description="Prime d'activité already received, per month.")
    aah: MonthlyAmount | None = Field(default=None, description="AAH already received, per month.")
    housing_aid: MonthlyAmount | None = Field(default=None, description="APL, ALF or ALS already received, per month.")

    def known(self) -> dict[str, float]:
        """The kinds the resident answered, with their amounts."""
        return {name: value for name, value in self.model_dump().items() if value is not None}


class Person(BaseModel):
    """An adult of the household: the resident (fields at the top of a Situation) or the partner."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    age: int | None = Field(default=None, ge=15, le=120, description="Age in years.")
    birth_date: date | None = Field(default=None, description="Birth date; wins over age when both are given.")
    activity: Activity | None = None
    incomes: Incomes | None = Field(default=None, description="Monthly net incomes; not given = not known.")
    disability_rate: int | None = Field(default=None, ge=0, le=100, description="Rate set by the MDPH, in %.")
    employment_restriction: bool | None = Field(
        default=None, description="MDPH recognised a lasting, substantial restriction of access to work (RSDAE).")
    nationality: Nationality | None = None
    residence_years: int | None = Field(
        default=None, ge=0, le=120, description="Years of legal residence in France (foreign nationals).")
    unemployment_rights_ended: bool | None = Field(
        default=None, description="Unemployment insurance (ARE) has ended and the person is still looking for work, "
                                  "after at least five years of work in the last ten (opens the ASS).")

    @field_validator("birth_date")
    @classmethod
    def _birth_date_in_the_past(cls, value: date | None) -> date | None:
        return _past_date(value)


class Partner(Person):
    """The resident's spouse, civil partner or cohabitant."""


class Child(BaseModel):
    """A child living in the household and in the resident's care."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    age: int | None = Field(default=None, ge=0, le=25, description="Age in years (0 for a baby).")
    birth_date: date | None = Field(default=None, description="Birth date; wins over age when both are given.")
    school: SchoolLevel | None = Field(
        default=None, description="School level this school year; unknown: taken from the age (rules/assumptions.yml).")
    disability_rate: int | None = Field(default=None, ge=0, le=100,
                                        description="The child's disability rate set by the MDPH, in % (AEEH).")

    @field_validator("birth_date")
    @classmethod
    def _birth_date_in_the_past(cls, value: date | None) -> date | None:
        return _past_date(value)


class Housing(BaseModel):
    """Where the household lives and what it costs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: HousingStatus | None = None
    rent: MonthlyAmount | None = Field(default=None, description="Monthly rent without charges.")
    charges: MonthlyAmount | None = Field(default=None, description="Monthly charges paid with the rent.")

    @field_validator("rent")
    @classmethod
    def _rent_only_when_renting(cls, value: float | None, info: ValidationInfo) -> float | None:
        status = info.data.get("status")
        if value and status is not None and status not in RENTED:
            raise PydanticCustomError("rent_not_renting",
                                      "a rent is only possible when renting, not with status {status}",
                                      {"status": status.value})
        return value


class Situation(Person):
    """What the resident told us about the household (the resident's own fields are at the top level)."""

    depcom: str | None = Field(default=None, pattern=DEPCOM_PATTERN,
                               description="INSEE code of the commune of residence (not the postcode).")
    couple: bool | None = Field(default=None, description="Lives as a couple (married, PACS or cohabiting).")
    partner: Partner | None = None
    children: list[Child] | None = Field(default=None, max_length=12,
                                         description="Children in the resident's care; [] means none.")
    housing: Housing | None = None
    savings: float | None = Field(default=None, ge=0, le=10_000_000,
                                  description="Money in savings accounts (livrets), in euros.")
    income_two_years_ago: float | None = Field(
        default=None, ge=0, le=10_000_000,
        description="Household's revenu fiscal de référence two years ago (on the tax notice), in euros a year.")
    alimony_received: MonthlyAmount | None = Field(
        default=None, description="Child support received from the other parent, per month.")
    pregnant: bool | None = Field(
        default=None, description="The resident or the partner expects a child (prime à la naissance of the PAJE).")

    @field_validator("partner")
    @classmethod
    def _partner_only_in_a_couple(cls, value: Partner | None, info: ValidationInfo) -> Partner | None:
        if value is not None and info.data.get("couple") is False:
            raise PydanticCustomError("partner_without_couple", "a partner is given but couple is false")
        return value

    @property
    def in_couple(self) -> bool | None:
        """Couple as told, or implied by a partner."""
        return True if self.partner is not None else self.couple
