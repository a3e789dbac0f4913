"""Reading a campaign's recipients file and checking its text: pure functions, no database."""

from __future__ import annotations

from api.campaigns.csv_import import Outcome, parse_recipients, sniff_delimiter
from api.campaigns.message import message_problems, personalise
from api.campaigns.sending import Pacer

MESSAGE = ("Bonjour {prénom}, la mairie peut vous aider à connaitre vos droits. Répondez OUI. "
           "STOP pour ne plus recevoir.")


def issues_of(parsed: object) -> list[tuple[int, str, str]]:
    return [(issue.line, issue.column, issue.outcome.value) for issue in parsed.issues]  # type: ignore[attr-defined]


def test_windows_1252_semicolon_file_with_french_headers_is_read_row_by_row() -> None:
    raw = ("Téléphone;Prénom;Code campagne;Origine du consentement\r\n"
           "06 12 34 56 78;Françoise;rsa-2026;inscription CCAS\r\n"
           "0612;Paul;RSA-2026;inscription CCAS\r\n"
           "04 72 00 00 00;Luc;RSA-2026;inscription CCAS\r\n"
           "+33 7 81 22 33 44;;AUTRE;inscription CCAS\r\n"
           "07 81 22 33 44;Léa;RSA-2026;\r\n"
           "\r\n"
           "+33612345678;Zoé;RSA-2026;fichier RSA du département\r\n").encode("cp1252")
    parsed = parse_recipients(raw, campaign_code="RSA-2026")
    assert [(row.line, row.phone, row.first_name) for row in parsed.rows] == [(2, "+33612345678", "Francoise")]
    assert issues_of(parsed) == [
        (3, "téléphone", "rejected"), (4, "téléphone", "rejected"), (5, "code campagne", "rejected"),
        (6, "origine du consentement", "rejected"), (8, "téléphone", "skipped"),
    ]
    reasons = {issue.line: issue.reason for issue in parsed.issues}
    assert "pas un mobile" in reasons[4]
    assert reasons[8] == "doublon de la ligne 2 : ignoré"
    assert "« AUTRE »" in reasons[5]
    assert parsed.lines == 6  # the blank line is not a recipient


def test_utf8_comma_file_with_a_bom_and_english_headers() -> None:
    raw = "\ufeffconsent_origin,phone,campaign_code\nsite web,0781223344,C1\n".encode()
    parsed = parse_recipients(raw, campaign_code="c1")
    assert [(row.phone, row.first_name, row.consent_origin) for row in parsed.rows] == [("+33781223344", "",
                                                                                        "site web")]
    assert parsed.issues == []


def test_missing_columns_are_reported_on_the_header_line_and_nothing_is_read() -> None:
    parsed = parse_recipients(b"telephone;prenom\n0612345678;Ana\n", campaign_code="C1")
    assert parsed.rows == []
    assert [(issue.line, issue.column) for issue in parsed.issues] == [(1, "code campagne"),
                                                                      (1, "origine du consentement")]


def test_a_first_name_that_cannot_be_sent_is_dropped_with_a_warning_not_the_recipient() -> None:
    raw = "telephone;prenom;code;consentement\n0612345678;王小明;C1;accueil\n".encode()
    parsed = parse_recipients(raw, campaign_code="C1")
    assert [(row.phone, row.first_name) for row in parsed.rows] == [("+33612345678", "")]
    assert [issue.outcome for issue in parsed.issues] == [Outcome.WARNING]


def test_empty_or_huge_files_get_a_file_level_reason() -> None:
    assert parse_recipients(b"  \n", campaign_code="C1").issues[0].reason == "le fichier est vide"
    assert "trop gros" in parse_recipients(b"x" * (5 * 1024 * 1024 + 1), campaign_code="C1").issues[0].reason


def test_delimiter_is_the_one_the_header_uses() -> None:
    assert sniff_delimiter("telephone;prenom,nom;code") == ";"
    assert sniff_delimiter("telephone,prenom,code") == ","


def test_message_is_personalised_or_reads_well_without_a_first_name() -> None:
    assert personalise(MESSAGE, "Léa").startswith("Bonjour Léa, la mairie")
    assert personalise(MESSAGE, "").startswith("Bonjour, la mairie")


def test_a_good_message_has_no_problem() -> None:
    assert message_problems(MESSAGE, ["Léa", "Jean-Christophe"]) == []


def test_message_outside_gsm7_is_refused_with_the_characters_to_replace() -> None:
    [problem] = message_problems("Vous êtes peut-être concerné’e. STOP pour ne plus recevoir.")
    assert "ê" in problem and "’" in problem


def test_message_over_two_segments_with_the_longest_first_name_is_refused() -> None:
    text = "Bonjour {prénom}, " + "a" * 270 + " STOP"
    assert message_problems(text, ["Ana"]) == []
    [problem] = message_problems(text, ["Ana", "Marie-Christine-Alexandra"])
    assert "3 SMS" in problem


def test_message_must_say_how_to_opt_out_and_use_only_the_first_name_placeholder() -> None:
    problems = message_problems("Bonjour {nom}, répondez OUI.")
    assert any("{nom}" in problem for problem in problems)
    assert any("STOP" in problem for problem in problems)
    assert message_problems("   ") == ["Le message est vide."]


async def test_the_pacer_keeps_a_burst_of_due_sms_at_the_campaign_rate() -> None:
    now = [100.0]
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    pacer = Pacer(2.0, clock=lambda: now[0], sleep=sleep)
    await pacer.wait()  # the first SMS goes at once
    now[0] += 0.5
    await pacer.wait()
    now[0] += 5.0  # a slow send: no wait needed
    await pacer.wait()
    assert waits == [1.5]
    assert Pacer(600.0).interval == 30.0  # never more than 30 s between two sends of one worker
