"""Reading a campaign's recipients file: pure, row by row, with a French report an admin can act on.

The file comes from a spreadsheet: UTF-8 (with or without BOM) or Windows-1252, separated by ";" (French Excel)
or ",". Columns are found by their French or English name, in any order and case, accents optional. Every problem
is reported with its line number, its column and the reason; the report never repeats a number or a name.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

import phonenumbers

from channels.sms.render import fold_accents, typographic
from channels.sms.segments import is_gsm7

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FIRST_NAME = 40
MAX_CONSENT_ORIGIN = 100
CODE_PATTERN = re.compile(r"^[A-Z0-9_-]{1,32}$")

PHONE, FIRST_NAME, CAMPAIGN_CODE, CONSENT_ORIGIN = "phone", "first_name", "campaign_code", "consent_origin"
COLUMN_LABELS = {PHONE: "téléphone", FIRST_NAME: "prénom", CAMPAIGN_CODE: "code campagne",
                 CONSENT_ORIGIN: "origine du consentement"}
_ALIASES = {
    PHONE: {"telephone", "tel", "phone", "numero", "mobile", "portable", "numero_de_telephone", "phone_number"},
    FIRST_NAME: {"prenom", "first_name", "firstname"},
    CAMPAIGN_CODE: {"code_campagne", "campagne", "code_de_campagne", "campaign_code", "campaign", "code"},
    CONSENT_ORIGIN: {"origine_consentement", "origine_du_consentement", "consentement", "consent_origin",
                     "consent", "origine"},
}
REQUIRED = (PHONE, CAMPAIGN_CODE, CONSENT_ORIGIN)


class Outcome(StrEnum):
    """What became of a line with an issue."""

    REJECTED = "rejected"  # not imported: fix the file and upload it again
    SKIPPED = "skipped"  # not imported, on purpose (duplicate, opted out)
    WARNING = "warning"  # imported, with something left out (a first name that cannot be sent)


@dataclass(frozen=True)
class Issue:
    """One problem of the file: line (1 = the header), column label, French reason."""

    line: int
    column: str
    reason: str
    outcome: Outcome = Outcome.REJECTED

    def as_dict(self) -> dict[str, str | int]:
        return {"line": self.line, "column": self.column, "reason": self.reason, "outcome": self.outcome.value}


@dataclass(frozen=True)
class Row:
    """A valid recipient: the number in E.164, the first name as it will be sent (GSM-7, may be empty)."""

    line: int
    phone: str
    first_name: str
    consent_origin: str


@dataclass
class ParsedFile:
    """Valid rows (duplicates of the file removed) and every issue, in line order."""

    rows: list[Row] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    lines: int = 0


def fold_header(name: str) -> str:
    """« Téléphone », "telephone ", "N° de téléphone" → comparable keys."""
    plain = "".join(c for c in unicodedata.normalize("NFD", name.strip().lower()) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", plain.replace("n°", "numero")).strip("_")


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Windows-1252, the two encodings spreadsheets write in France."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def sniff_delimiter(header_line: str) -> str:
    """";" or ",": whichever the header uses more (French spreadsheets write ";")."""
    return ";" if header_line.count(";") >= header_line.count(",") and ";" in header_line else ","


def mobile_number(text: str) -> tuple[str | None, str]:
    """(E.164, "") for a number that can receive SMS, else (None, the French reason)."""
    if not text.strip():
        return None, "numéro manquant"
    try:
        parsed = phonenumbers.parse(text.strip(), "FR")
    except phonenumbers.NumberParseException:
        return None, "ce n'est pas un numéro de téléphone"
    if not phonenumbers.is_valid_number(parsed):
        return None, "numéro invalide (chiffres en trop ou manquants ?)"
    if phonenumbers.number_type(parsed) not in (phonenumbers.PhoneNumberType.MOBILE,
                                                phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return None, "ce numéro n'est pas un mobile : il ne peut pas recevoir de SMS"
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), ""


def sms_first_name(text: str) -> tuple[str, bool]:
    """The first name as it can be sent in GSM-7 (ç → c, ’ → '); (name, True) if usable, ("", False) if not."""
    name = fold_accents(typographic(text))
    if not name:
        return "", True
    if len(name) > MAX_FIRST_NAME or not is_gsm7(name) or any(char in "{}" for char in name):
        return "", False
    return name, True


def _columns(header: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = fold_header(name)
        for column, aliases in _ALIASES.items():
            if key in aliases and column not in found:
                found[column] = index
    return found


def _cell(record: list[str], index: int | None) -> str:
    return record[index].strip() if index is not None and index < len(record) else ""


def parse_recipients(raw: bytes, *, campaign_code: str) -> ParsedFile:
    """Every line of the file checked; valid, first-seen numbers kept; duplicates of the file skipped."""
    result = ParsedFile()
    if len(raw) > MAX_FILE_BYTES:
        result.issues.append(Issue(0, "fichier", f"fichier trop gros (au plus {MAX_FILE_BYTES // 1024 // 1024} Mo)"))
        return result
    text = decode(raw)
    if not text.strip():
        result.issues.append(Issue(0, "fichier", "le fichier est vide"))
        return result
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text.splitlines()[0]))
    header = next(reader)
    columns = _columns(header)
    missing = [COLUMN_LABELS[column] for column in REQUIRED if column not in columns]
    if missing:
        result.issues.extend(Issue(1, label, "colonne absente de la première ligne") for label in missing)
        return result
    first_line: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        result.lines += 1
        row_issues: list[Issue] = []
        phone, reason = mobile_number(_cell(record, columns[PHONE]))
        if phone is None:
            row_issues.append(Issue(line, COLUMN_LABELS[PHONE], reason))
        code = _cell(record, columns[CAMPAIGN_CODE]).upper()
        if not code:
            row_issues.append(Issue(line, COLUMN_LABELS[CAMPAIGN_CODE], "code de campagne manquant"))
        elif code != campaign_code.upper():
            row_issues.append(Issue(line, COLUMN_LABELS[CAMPAIGN_CODE],
                                    f"code « {code[:32]} » différent de celui de la campagne « {campaign_code} »"))
        consent = " ".join(_cell(record, columns[CONSENT_ORIGIN]).split())
        if not consent:
            row_issues.append(Issue(line, COLUMN_LABELS[CONSENT_ORIGIN],
                                    "origine du consentement manquante : sans elle, pas d'envoi"))
        elif len(consent) > MAX_CONSENT_ORIGIN:
            row_issues.append(Issue(line, COLUMN_LABELS[CONSENT_ORIGIN],
                                    f"trop longue ({MAX_CONSENT_ORIGIN} caractères au plus)"))
        if row_issues or phone is None:
            result.issues.extend(row_issues)
            continue
        if phone in first_line:
            result.issues.append(Issue(line, COLUMN_LABELS[PHONE], f"doublon de la ligne {first_line[phone]} : ignoré",
                                       Outcome.SKIPPED))
            continue
        first_line[phone] = line
        name, usable = sms_first_name(_cell(record, columns.get(FIRST_NAME)))
        if not usable:
            result.issues.append(Issue(line, COLUMN_LABELS[FIRST_NAME],
                                       f"prénom trop long ou impossible à écrire en SMS : message envoyé sans "
                                       f"prénom (au plus {MAX_FIRST_NAME} caractères)", Outcome.WARNING))
        result.rows.append(Row(line=line, phone=phone, first_name=name, consent_origin=consent))
    return result
