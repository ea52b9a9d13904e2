"""Redaction on realistic CVs from several countries: what must go, and what must survive.

The personal data below is fictitious; the ID numbers are well-known test values with valid
check digits (TC Kimlik 10000000146, Steuer-ID 86095742719, IBANs from the standards' docs).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from careercoach.documents.redact import redact


@dataclass(frozen=True)
class CV:
    text: str
    names: tuple[str, ...]
    gone: tuple[str, ...]  # must not appear in the redacted text
    kept: tuple[str, ...]  # must appear unchanged
    placeholders: tuple[str, ...]  # must appear


US = CV(
    text="""Jane A. Doe
1600 Amphitheatre Parkway, Mountain View, CA 94043 | (415) 555-0132 | jane.doe@gmail.com
linkedin.com/in/jane-doe-4b2a1 · github.com/janedoe · https://janedoe.dev/portfolio.
SSN: 123-45-6789 (for the background check only)

SUMMARY
Backend engineer with 5+ years in Python 3.11, Go 1.22 and C++. Jane mentored 6 engineers.

EXPERIENCE
Staff Engineer, Acme Corp, San Francisco — 2019-2021 (01/2020 – 03/2022)
- Cut infrastructure costs by 35% ($120k a year) across 1,200 Kubernetes 1.28 nodes.
- Moved 10.0.19041 Windows hosts to Ubuntu 22.04; 99.9% uptime; on-call 24/7.
Compensation expectation: $150,000 - $170,000. Call +1 415 555 0132 or 1-800-555-0199.
""",
    names=("Jane Doe",),
    gone=(
        "1600 Amphitheatre Parkway",
        "94043",
        "555-0132",
        "jane.doe@gmail.com",
        "jane-doe-4b2a1",
        "github.com/janedoe",
        "janedoe.dev",
        "123-45-6789",
        "555 0132",
        "800-555-0199",
        "Jane",
        "Doe",
    ),
    kept=(
        "5+ years",
        "Python 3.11",
        "Go 1.22",
        "C++",
        "2019-2021",
        "01/2020 – 03/2022",
        "35%",
        "$120k",
        "1,200",
        "Kubernetes 1.28",
        "10.0.19041",
        "Ubuntu 22.04",
        "99.9%",
        "24/7",
        "$150,000 - $170,000",
        "6 engineers",
        "Acme Corp",
    ),
    placeholders=(
        "[FIRST_NAME]",
        "[LAST_NAME]",
        "[ADDRESS_1]",
        "[PHONE_1]",
        "[EMAIL_1]",
        "[URL_1]",
        "[URL_3]",
        "[NATIONAL_ID_1]",
    ),
)

UK = CV(
    text="""CURRICULUM VITAE — Oliver James Bennett
Address: 221B Baker Street, London NW1 6XE
Tel: 020 7946 0958 · Mobile: 07700 900123 · +44 (0)20 7946 0958 · oliver.bennett@outlook.co.uk
National Insurance number: AB 12 34 56 C
Bank (for expenses): GB82 WEST 1234 5698 7654 32

Employment
Data Analyst, NHS Digital, Leeds, 09/2018 - 08/2021: built dashboards for 1.5M patients;
reduced report time by 40 %; salary £45,000. SQL, Power BI, Excel, R 4.2.
Education: BSc Mathematics, 2:1, University of Leeds, 2015 – 2018.
Oliver led a team of 4. References from Mr. Bennett's manager on request.
""",
    names=("Oliver James Bennett",),
    gone=(
        "Oliver",
        "Bennett",
        "221B Baker Street",
        "NW1 6XE",
        "7946 0958",
        "07700 900123",
        "oliver.bennett@outlook.co.uk",
        "AB 12 34 56 C",
        "GB82 WEST",
    ),
    kept=(
        "09/2018 - 08/2021",
        "1.5M",
        "40 %",
        "£45,000",
        "R 4.2",
        "2:1",
        "2015 – 2018",
        "team of 4",
        "NHS Digital",
        "Power BI",
    ),
    placeholders=(
        "[NAME]",
        "[FIRST_NAME]",
        "[LAST_NAME]",
        "[ADDRESS_1]",
        "[PHONE_1]",
        "[NATIONAL_ID_1]",
        "[IBAN_1]",
        "[EMAIL_1]",
    ),
)

DE = CV(
    text="""Lebenslauf
Maximilian Müller
Musterstraße 12, 10115 Berlin
Tel.: +49 30 12345678 | Mobil: 0151 12345678 | Fax 030/12345679
E-Mail: max.mueller@web.de | xing.com/profile/Maximilian_Mueller
Steuer-ID: 86 095 742 719 | IBAN: DE89 3704 0044 0532 0130 00

Berufserfahrung
03.2018 – 05.2020  Softwareentwickler, SAP SE, Walldorf
  Migration von Java 8 auf Java 17, 30 % weniger Latenz, Team von 12 Personen.
06.2020 – heute  Senior Engineer; Gehalt 65.000 € brutto; ISO 27001, Spring Boot 3.2.
Sprachen: Deutsch (C2), Englisch (C1). Herr Müller ist ab 01.10.2024 verfügbar.
""",
    names=("Maximilian Müller",),
    gone=(
        "Maximilian",
        "Müller",
        "Musterstraße 12",
        "10115 Berlin",
        "12345678",
        "0151",
        "12345679",
        "max.mueller@web.de",
        "Maximilian_Mueller",
        "86 095 742 719",
        "DE89",
    ),
    kept=(
        "03.2018 – 05.2020",
        "Java 8",
        "Java 17",
        "30 %",
        "12 Personen",
        "65.000 €",
        "ISO 27001",
        "Spring Boot 3.2",
        "01.10.2024",
        "C2",
        "SAP SE",
    ),
    placeholders=(
        "[NAME]",
        "[ADDRESS_1]",
        "[PHONE_1]",
        "[PHONE_3]",
        "[EMAIL_1]",
        "[URL_1]",
        "[NATIONAL_ID_1]",
        "[IBAN_1]",
        "[LAST_NAME]",
    ),
)

FR = CV(
    text="""Marie-Claire Dupont
12 rue de la Paix, 75002 Paris
Tél : 01 23 45 67 89 — Portable : 06.12.34.56.78 — +33 6 12 34 56 78
marie-claire.dupont@orange.fr — www.mcdupont.fr
N° de sécurité sociale : 1 85 05 78 006 084 91

Expérience
2019-2021 : Cheffe de projet, BNP Paribas — budget de 2,5 M€, équipe de 8 personnes.
Depuis 09/2021 : Directrice technique ; salaire souhaité 120 000 - 130 000 € ; Python 3.11.
Dupont a obtenu la certification PMP en 2020.
""",
    names=("Marie-Claire Dupont",),
    gone=(
        "Marie-Claire",
        "Dupont",
        "12 rue de la Paix",
        "75002",
        "01 23 45 67 89",
        "06.12.34.56.78",
        "+33 6",
        "marie-claire.dupont@orange.fr",
        "mcdupont.fr",
        "1 85 05 78 006 084 91",
    ),
    kept=(
        "2019-2021",
        "2,5 M€",
        "8 personnes",
        "09/2021",
        "120 000 - 130 000 €",
        "Python 3.11",
        "PMP en 2020",
        "BNP Paribas",
    ),
    placeholders=(
        "[NAME]",
        "[ADDRESS_1]",
        "[PHONE_1]",
        "[PHONE_2]",
        "[PHONE_3]",
        "[EMAIL_1]",
        "[URL_1]",
        "[NATIONAL_ID_1]",
        "[LAST_NAME]",
    ),
)

TR = CV(
    text="""AYŞE YILMAZ
Adres: Moda Mah. Bahariye Cad. No: 15/3 Kadıköy/İstanbul
İş: Atatürk Cad. No: 15, 34710 Kadıköy
Cep: +90 532 123 45 67 · Ev: 0 (216) 123 45 67 · ayse.yilmaz@gmail.com
TC Kimlik No: 10000000146 · IBAN: TR33 0006 1005 1978 6457 8413 26

Deneyim
2018-2022 Yazılım Mühendisi, Trendyol — 5+ yıl, React 18, Node.js 20, %35 performans artışı.
Maaş beklentisi: 85.000 TL. Ayşe Hanım takım lideri olarak 6 kişiyi yönetti.
Referans: Yilmaz ailesi değil, Mehmet Demir (eski yönetici).
""",
    names=("Ayşe Yılmaz",),
    gone=(
        "AYŞE",
        "YILMAZ",
        "Ayşe",
        "Yilmaz",
        "Bahariye Cad",
        "Atatürk Cad. No: 15",
        "34710",
        "532 123 45 67",
        "123 45 67",
        "ayse.yilmaz@gmail.com",
        "10000000146",
        "TR33",
    ),
    kept=(
        "2018-2022",
        "5+ yıl",
        "React 18",
        "Node.js 20",
        "%35",
        "85.000 TL",
        "6 kişiyi",
        "Mehmet Demir",
        "Kadıköy/İstanbul",
    ),
    placeholders=(
        "[NAME]",
        "[FIRST_NAME]",
        "[LAST_NAME]",
        "[ADDRESS_1]",
        "[ADDRESS_2]",
        "[PHONE_1]",
        "[PHONE_2]",
        "[EMAIL_1]",
        "[NATIONAL_ID_1]",
        "[IBAN_1]",
    ),
)

IN = CV(
    text="""Rahul Sharma | +91 98765 43210 | rahul.sharma@outlook.in | github.com/rsharma-dev
Flat 302, 12 MG Road, Bengaluru 560001
Aadhaar: 2341 2341 2346 | PAN: ABCPE1234F | Alt. mobile 098765 43210

Experience
Infosys, 2016 - 2020: Java 11 and Spring; CTC ₹12,00,000; 10+ years total; CGPA 8.7/10.
Rahul built a payments API serving 2,000,000 users.
""",
    names=("Rahul Sharma",),
    gone=(
        "Rahul",
        "Sharma",
        "98765 43210",
        "rahul.sharma@outlook.in",
        "rsharma-dev",
        "12 MG Road",
        "560001",
        "2341 2341 2346",
        "ABCPE1234F",
    ),
    kept=(
        "2016 - 2020",
        "Java 11",
        "₹12,00,000",
        "10+ years",
        "8.7/10",
        "2,000,000 users",
        "Infosys",
    ),
    placeholders=(
        "[NAME]",
        "[FIRST_NAME]",
        "[PHONE_1]",
        "[PHONE_2]",
        "[EMAIL_1]",
        "[URL_1]",
        "[ADDRESS_1]",
        "[NATIONAL_ID_1]",
        "[NATIONAL_ID_2]",
    ),
)

CVS = {"us": US, "uk": UK, "de": DE, "fr": FR, "tr": TR, "in": IN}


@pytest.mark.parametrize("country", list(CVS))
def test_personal_details_are_replaced(country: str) -> None:
    cv = CVS[country]
    result = redact(cv.text, names=cv.names)
    for item in cv.gone:
        assert item not in result.text, f"{country}: {item!r} leaked:\n{result.text}"
    for placeholder in cv.placeholders:
        assert placeholder in result.text, f"{country}: no {placeholder}:\n{result.text}"


@pytest.mark.parametrize("country", list(CVS))
def test_career_facts_survive(country: str) -> None:
    cv = CVS[country]
    result = redact(cv.text, names=cv.names)
    for item in cv.kept:
        assert item in result.text, f"{country}: {item!r} was redacted:\n{result.text}"


@pytest.mark.parametrize("country", list(CVS))
def test_every_placeholder_maps_back_to_something_in_the_original(country: str) -> None:
    cv = CVS[country]
    result = redact(cv.text, names=cv.names)
    for placeholder, original in result.mapping.items():
        assert placeholder in result.text
        name_parts = {part for name in cv.names for part in [name, *name.split()]}
        assert original in cv.text or original in name_parts


@pytest.mark.parametrize("country", ["us", "de", "fr", "in"])
def test_restore_gives_back_the_original(country: str) -> None:
    # These fixtures write the name as the profile does, so the round trip is exact.
    cv = CVS[country]
    result = redact(cv.text, names=cv.names)
    assert result.restore(result.text) == cv.text
