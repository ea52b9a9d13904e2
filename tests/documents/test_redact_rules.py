"""The redaction rules one by one: placeholders, restore, names, phones, IDs, what survives."""

from __future__ import annotations

import time

import pytest

from careercoach.documents.redact import Redaction, redact, redact_for_model


def test_same_original_same_placeholder_and_numbering_per_kind() -> None:
    result = redact("a@x.com, b@y.org, a@x.com, A@X.COM; +44 20 7946 0958 and +44 20 7946 0958")
    assert result.text == "[EMAIL_1], [EMAIL_2], [EMAIL_1], [EMAIL_1]; [PHONE_1] and [PHONE_1]"
    assert result.mapping == {
        "[EMAIL_1]": "a@x.com",
        "[EMAIL_2]": "b@y.org",
        "[PHONE_1]": "+44 20 7946 0958",
    }


def test_restore_puts_originals_into_a_model_answer() -> None:
    result = redact("Jane Doe, jane@doe.dev, +1 415 555 0132", names=["Jane Doe"])
    answer = "Dear [NAME], your e-mail [EMAIL_1] and phone [phone 1] look fine. [URL_9] stays."
    assert result.restore(answer) == (
        "Dear Jane Doe, your e-mail jane@doe.dev and phone +1 415 555 0132 look fine. "
        "[URL_9] stays."
    )


def test_restore_is_a_single_pass() -> None:
    # An original that itself looks like a placeholder is not expanded a second time.
    result = Redaction("[EMAIL_1]", {"[EMAIL_1]": "[EMAIL_2]", "[EMAIL_2]": "x@y.z"})
    assert result.restore("[EMAIL_1]") == "[EMAIL_2]"


def test_nothing_to_redact_is_the_identity() -> None:
    text = "Python, SQL and 5+ years of Spark."
    result = redact(text)
    assert result.text == text and result.mapping == {}
    assert result.restore("anything [NAME]") == "anything [NAME]"


def test_redact_for_model_honours_flag_and_config(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Mail me: jane@doe.dev"
    assert redact_for_model(text).text == "Mail me: [EMAIL_1]"
    assert redact_for_model(text, enabled=False).text == text
    monkeypatch.setenv("CAREERCOACH_REDACT", "false")
    assert redact_for_model(text).text == text
    assert redact_for_model(text, enabled=True).text == "Mail me: [EMAIL_1]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to jane.doe+cv@mail.example.co.uk.", "write to [EMAIL_1]."),
        ("jane [at] example [dot] com", "[EMAIL_1]"),
        ("ayşe.yılmaz@şirket.com.tr", "[EMAIL_1]"),
        ("see https://janedoe.dev/blog?x=1, then", "see [URL_1], then"),
        ("(portfolio: www.janedoe.com/work)", "(portfolio: [URL_1])"),
        ("linkedin.com/in/jane-doe.", "[URL_1]."),
        ("tr.linkedin.com/in/ayse-yilmaz-123", "[URL_1]"),
        ("github.com/janedoe/dotfiles and janedoe.github.io", "[URL_1] and [URL_2]"),
        ("https://en.wikipedia.org/wiki/Foo_(bar))", "[URL_1])"),
    ],
)
def test_emails_and_urls(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "phone",
    [
        "(415) 555-0132",
        "415-555-0132",
        "415.555.0132",
        "+1 415 555 0132",
        "1-800-555-0199",
        "+1 (415) 555-0132",
        "020 7946 0958",
        "07700 900123",
        "+44 20 7946 0958",
        "+44 (0)20 7946 0958",
        "+49 30 12345678",
        "030 12345678",
        "030/12345678",
        "0151 12345678",
        "+49 (0)30 1234 5678",
        "089 / 123 456",
        "01 23 45 67 89",
        "06.12.34.56.78",
        "+33 6 12 34 56 78",
        "+33 (0)1 23 45 67 89",
        "+90 532 123 45 67",
        "0532 123 45 67",
        "(0532) 123 45 67",
        "+90 (212) 123 45 67",
        "+91 98765 43210",
        "+91-98765-43210",
        "098765 43210",
        "9876543210",
        "0044 20 7946 0958",
        "+353 1 234 5678",
        "+81 3-1234-5678",
    ],
)
def test_phone_formats(phone: str) -> None:
    result = redact(f"Contact: {phone}, thanks")
    assert result.text == "Contact: [PHONE_1], thanks", result.text
    assert result.mapping["[PHONE_1]"] == phone


def test_short_number_after_a_phone_label() -> None:
    assert redact("Tel.: 555 0132").text == "Tel.: [PHONE_1]"
    assert redact("Room 555 0132").text == "Room 555 0132"


SURVIVORS = [
    "C++",
    "C#",
    ".NET 8",
    "Node.js 20",
    "Python 3.11",
    "Java 17",
    "React 18.2.0",
    "v2.3.1",
    "10.0.19041",
    "Kubernetes 1.28",
    "Ubuntu 22.04",
    "HTTP/2",
    "OAuth 2.0",
    "ES2015",
    "5+ years",
    "10+ yrs",
    "2019",
    "2019-2021",
    "2019 - 2021",
    "2019 – present",
    "Jan 2019 – Mar 2021",
    "01/2020 – 03/2022",
    "01/2020-03/2022",
    "2020-01-15",
    "15.03.2021",
    "03.2018 - 05.2020",
    "12/2019",
    "2015/2016",
    "1999-2003",
    "10/2019 - 12/2021",
    "01.01.2020 - 31.12.2021",
    "35%",
    "35 %",
    "%35",
    "99.9%",
    "$120k",
    "$120,000",
    "€65.000",
    "65.000 €",
    "£45,000 - £55,000",
    "₹12,00,000",
    "1.5M",
    "120 000 €",
    "120 000 - 150 000",
    "1,200,000",
    "250K",
    "1 000 000 users",
    "3.8/4.0",
    "4.5/5",
    "192.168.100.200",
    "port 8080",
    "ISO 27001",
    "ISO/IEC 27001:2013",
    "SOC 2",
    "24/7",
    "9-5",
    "94043",
    "SW1A 1AA",
    "10115",
    "Room 101",
    "team of 12",
    "Q3 2021",
    "FY2023",
    "1st Place",
    "Top 5 Place",
    "3 Way handshake",
    "Spring 2021",
    "Engineering 2019",
    "Baker Street Irregulars",
    "ISBN 978-3-16-148410-0",
    "Order #123456789",
    "12345678901",  # 11 digits, but neither a valid TC Kimlik nor a Steuer-ID
    "DE00 3704 0044 0532 0130 00",  # IBAN with a wrong check sum
    "000-12-3456",
    "666-12-3456",
    "900-12-3456",  # not SSNs
]


@pytest.mark.parametrize("fact", SURVIVORS)
def test_career_facts_are_not_mistaken_for_personal_data(fact: str) -> None:
    text = f"Note: {fact}; more"
    assert redact(text).text == text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("SSN 123-45-6789", "NATIONAL_ID"),
        ("SSN: 123456789", "NATIONAL_ID"),
        ("NI AB123456C", "NATIONAL_ID"),
        ("TC 10000000146", "NATIONAL_ID"),
        ("Steuer-ID 86095742719", "NATIONAL_ID"),
        ("Aadhaar 2341-2341-2346", "NATIONAL_ID"),
        ("UID 234123412346", "NATIONAL_ID"),
        ("PAN ABCPE1234F", "NATIONAL_ID"),
        ("NIR 185057800608491", "NATIONAL_ID"),
        ("Passport No.: C01X00T47", "NATIONAL_ID"),
        ("Reisepass: C01X00T47", "NATIONAL_ID"),
        ("IBAN DE89370400440532013000", "IBAN"),
        ("IBAN FR14 2004 1010 0505 0001 3M02 606", "IBAN"),
    ],
)
def test_ids(text: str, kind: str) -> None:
    result = redact(text)
    assert f"[{kind}_1]" in result.text, result.text
    assert not any(ch.isdigit() for ch in result.text.replace(f"[{kind}_1]", "")), result.text


def test_iban_followed_by_a_word() -> None:
    result = redact("IBAN DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX")
    assert result.text == "IBAN [IBAN_1] BIC COBADEFFXXX"


def test_wrong_tc_kimlik_checksum_survives() -> None:
    assert redact("No 10000000145").text == "No 10000000145"


@pytest.mark.parametrize(
    "address",
    [
        "221B Baker Street",
        "221B Baker Street, London NW1 6XE",
        "1600 Amphitheatre Parkway",
        "1600 Amphitheatre Parkway, Mountain View, CA 94043",
        "350 Fifth Ave., Suite 3300",
        "Musterstraße 12",
        "Musterstraße 12, 10115 Berlin",
        "Berliner Straße 5a",
        "Hauptstr. 5",
        "Atatürk Cad. No: 15",
        "Bağdat Caddesi No:123 D:4",
        "12 rue de la Paix",
        "12 rue de la Paix, 75002 Paris",
        "8 bis avenue des Champs-Élysées",
        "P.O. Box 1234",
    ],
)
def test_addresses(address: str) -> None:
    result = redact(f"Address: {address}\nNext line")
    assert result.text == "Address: [ADDRESS_1]\nNext line", result.text


def test_full_name_is_whole_word_and_case_insensitive() -> None:
    text = "JANE DOE. Jane Doe's work; jane  doe; Janet Doerr is someone else."
    result = redact(text, names=["Jane Doe"])
    assert result.text == "[NAME]. [NAME]'s work; [NAME]; Janet Doerr is someone else."
    assert result.mapping == {"[NAME]": "Jane Doe"}


def test_name_parts_need_a_capital_and_three_letters() -> None:
    result = redact("Li Na won. Na is short. Jordan went to jordan river.", names=["Li Na"])
    assert result.text == "[NAME] won. Na is short. Jordan went to jordan river."
    result = redact("Jordan went home; jordan almonds.", names=["Michael Jordan"])
    assert result.text == "[LAST_NAME] went home; jordan almonds."


def test_common_word_parts_are_left_alone_at_sentence_start() -> None:
    text = (
        "Will deliver. Mark my words. I will mark it. Young teams. "
        "Ask Mark. Mr. Young agreed. Young, Mark wrote. MARK YOUNG"
    )
    result = redact(text, names=["Mark Young"])
    assert result.text == (
        "Will deliver. Mark my words. I will mark it. Young teams. "
        "Ask [FIRST_NAME]. Mr. [LAST_NAME] agreed. [LAST_NAME], [FIRST_NAME] wrote. [NAME]"
    )


def test_particles_are_not_name_parts() -> None:
    result = redact("Van der Berg and van Gogh; Berg said.", names=["Anna van der Berg"])
    assert result.text == "Van der [LAST_NAME] and van Gogh; [LAST_NAME] said."


def test_accents_and_dotless_i_match_either_way() -> None:
    result = redact("AYSE YILMAZ, Ayse Yilmaz, Ayşe Yılmaz, Muller", names=["Ayşe Yılmaz"])
    assert result.text == "[NAME], [NAME], [NAME], Muller"
    decomposed = "Mu\u0308ller, Jose\u0301"
    assert redact(decomposed, names=["José Müller"]).text == "[LAST_NAME], [FIRST_NAME]"


def test_several_names_and_blank_names() -> None:
    result = redact("Jane Doe née Jane Smith", names=["Jane Doe", "", "  ", "Jane Smith"])
    assert result.text == "[NAME] née [NAME_2]"


def test_name_inside_email_and_url_goes_with_them() -> None:
    result = redact("jane.doe@x.com github.com/janedoe Jane", names=["Jane Doe"])
    assert result.text == "[EMAIL_1] [URL_1] [FIRST_NAME]"


def test_existing_placeholders_are_not_redacted_again() -> None:
    result = redact("[EMAIL_1] and [NAME] and Name", names=["Name Person"])
    assert result.text.startswith("[EMAIL_1] and [NAME] and ")


def test_large_and_adversarial_input_is_fast() -> None:
    chunks = [
        "1 " * 20000,
        "1-" * 20000,
        "(1)" * 5000,
        "a" * 20000 + "@",
        "https://" + "a" * 20000,
        "12 " + "Aaaa " * 5000 + "Street",
        "<<" * 5000,
        "Aaaa " * 20000,
        "Will. Mark Young. " * 5000,
        "a@b.cd " * 10000,
    ]
    start = time.perf_counter()
    for chunk in chunks:
        redact(chunk, names=["Aaaa Bbbb", "Mark Will Young"])
    # Each case is well under a second now; quadratic behaviour took minutes.
    assert time.perf_counter() - start < 10
