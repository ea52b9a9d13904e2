"""The offline CV parser on small hand-written CVs: headings, dates, bullets, degrees, levels."""

from __future__ import annotations

import pytest

from careercoach.analysis.cv_parser import degree_level, parse_cv
from careercoach.analysis.cv_sections import heading_kind, split_title_employer
from careercoach.analysis.dates import find_dates, find_ranges, parse_date

ENGLISH = """\
Jane Doe
Data Engineer
jane.doe@example.com | +1 415 555 0134 | Berlin, Germany | https://github.com/janedoe

Professional Summary
Data engineer who builds reliable batch and streaming pipelines.

Work History
Senior Data Engineer — Acme Analytics    Jan 2020 – Present
• Built a Kafka ingestion layer handling 2 billion events a day.
• Cut warehouse costs by 35% by moving jobs to dbt and Airflow.
Data Engineer, Globex Corporation    03/2017 - 12/2019
- Wrote ETL jobs in Python and SQL.

Education
MSc Computer Science, Technical University of Munich, 2015 – 2017
BSc Mathematics, University of Ankara, 2011-2015

Skills
Expert: Python, SQL
Advanced in Spark; Docker (3 years); familiar with Rust

Projects
- Pipeline Linter — a CLI that checks Airflow DAGs, built with Python and Click
Certifications
Google Professional Data Engineer (2021)
Languages
English (C2), German (B2)
"""


def test_english_cv_contact_and_headline() -> None:
    cv = parse_cv(ENGLISH)
    assert cv.contact.name == "Jane Doe"
    assert cv.contact.email == "jane.doe@example.com"
    assert cv.contact.phone == "+1 415 555 0134"
    assert cv.contact.location == "Berlin, Germany"
    assert cv.contact.links == ["https://github.com/janedoe"]
    assert cv.headline == "Data Engineer"
    assert cv.summary == "Data engineer who builds reliable batch and streaming pipelines."


def test_english_cv_experience_with_bullets_and_two_date_formats() -> None:
    jobs = parse_cv(ENGLISH).experience
    assert [(j.title, j.employer, j.start, j.end, j.current) for j in jobs] == [
        ("Senior Data Engineer", "Acme Analytics", "2020-01", None, True),
        ("Data Engineer", "Globex Corporation", "2017-03", "2019-12", False),
    ]
    assert jobs[0].achievements == [
        "Built a Kafka ingestion layer handling 2 billion events a day.",
        "Cut warehouse costs by 35% by moving jobs to dbt and Airflow.",
    ]
    assert jobs[1].achievements == ["Wrote ETL jobs in Python and SQL."]


def test_english_cv_education_levels_and_fields() -> None:
    schools = parse_cv(ENGLISH).education
    assert [
        (s.institution, s.degree, s.level, s.field_of_study, s.start, s.end) for s in schools
    ] == [
        ("Technical University of Munich", "MSc", "master", "Computer Science", "2015", "2017"),
        ("University of Ankara", "BSc", "bachelor", "Mathematics", "2011", "2015"),
    ]


def test_skill_levels_only_where_the_cv_states_them() -> None:
    levels = {s.name: s.level for s in parse_cv(ENGLISH).skills}
    assert levels["Python"] == "expert"
    assert levels["SQL"] == "expert"
    assert levels["Apache Spark"] == "advanced"
    assert levels["Docker"] == "advanced"  # 3 years
    assert levels["Rust"] == "beginner"
    assert levels["Apache Kafka"] is None
    assert levels["dbt"] is None


def test_skill_evidence_is_the_line_it_was_found_on() -> None:
    skills = {s.name: s for s in parse_cv(ENGLISH).skills}
    assert skills["Apache Kafka"].evidence == (
        "Built a Kafka ingestion layer handling 2 billion events a day."
    )
    assert all(s.evidence and len(s.evidence) <= 162 for s in skills.values())


def test_projects_certifications_languages() -> None:
    cv = parse_cv(ENGLISH)
    [project] = cv.projects
    assert project.name == "Pipeline Linter"
    assert "checks Airflow DAGs" in (project.description or "")
    assert {"Python", "Apache Airflow"} <= set(project.technologies)
    [cert] = cv.certifications
    assert (cert.name, cert.issuer, cert.date) == (
        "Google Professional Data Engineer",
        "Google",
        "2021",
    )
    assert cv.languages == ["English", "German"]
    assert "English" not in {s.name for s in cv.skills}


def test_skills_shown_by_what_the_person_did() -> None:
    cv = parse_cv(
        "A B\nExperience\nML Engineer, Foo Labs 2019 – 2021\n"
        "- Deployed models to production behind a feature store\n"
        "- Managed inventory of GPUs across two regions\n"
    )
    skills = {s.name: s for s in cv.skills}
    assert skills["Model Deployment"].evidence == (
        "Deployed models to production behind a feature store"
    )
    assert skills["Model Deployment"].level is None  # a deed shows the skill, not its level


def test_employer_names_do_not_count_as_skills() -> None:
    cv = parse_cv("A B\nExperience\nDriver, Bluefin Logistics 2019 – 2021\n")
    assert cv.experience[0].employer == "Bluefin Logistics"
    assert "Logistics" not in {s.name for s in cv.skills}


TURKISH = """\
Ahmet Yılmaz
Yazılım Geliştirici
ahmet.yilmaz@example.com.tr | 0532 123 45 67 | Ankara, Türkiye
Özet
Beş yıllık deneyime sahip yazılım geliştirici.
İŞ DENEYİMİ
Kıdemli Yazılım Geliştirici — Anadolu Teknoloji A.Ş. Mart 2019 – Halen
- Mikroservis mimarisini Go ve Kubernetes ile kurdu.
Yazılım Geliştirici — Ege Bilişim 2016 – 2019
Eğitim
Bilgisayar Mühendisliği Yüksek Lisans, Hacettepe Üniversitesi, 2014 – 2016
Bilgisayar Mühendisliği Lisans, Ege Üniversitesi 2010 – 2014
Yetenekler
Python, Docker, PostgreSQL
Sertifikalar
Certified Kubernetes Administrator, 2022
Diller
Türkçe (anadil), İngilizce (C1)
"""


def test_turkish_headings_and_dates() -> None:
    cv = parse_cv(TURKISH)
    assert cv.contact.name == "Ahmet Yılmaz"
    assert cv.contact.phone == "0532 123 45 67"
    assert cv.headline == "Yazılım Geliştirici"
    assert cv.summary == "Beş yıllık deneyime sahip yazılım geliştirici."
    assert [(j.title, j.employer, j.start, j.current) for j in cv.experience] == [
        ("Kıdemli Yazılım Geliştirici", "Anadolu Teknoloji A.Ş.", "2019-03", True),
        ("Yazılım Geliştirici", "Ege Bilişim", "2016", False),
    ]
    assert cv.experience[0].achievements == ["Mikroservis mimarisini Go ve Kubernetes ile kurdu."]


def test_turkish_degrees_yuksek_lisans_is_master_and_lisans_bachelor() -> None:
    schools = parse_cv(TURKISH).education
    assert [(s.institution, s.degree, s.level) for s in schools] == [
        ("Hacettepe Üniversitesi", "Yüksek Lisans", "master"),
        ("Ege Üniversitesi", "Lisans", "bachelor"),
    ]
    assert schools[0].field_of_study == "Bilgisayar Mühendisliği"


def test_turkish_skills_certifications_languages() -> None:
    cv = parse_cv(TURKISH)
    assert {"Python", "Docker", "PostgreSQL", "Kubernetes"} <= {s.name for s in cv.skills}
    assert [c.name for c in cv.certifications] == ["Certified Kubernetes Administrator"]
    assert cv.certifications[0].date == "2022"
    assert len(cv.languages) == 2


GERMAN = """\
Lukas Becker
Softwareentwickler
lukas.becker@example.de | München
Berufserfahrung
Backend-Entwickler bei Siemens AG  03/2018 – heute
- Entwicklung von REST-APIs mit Java und Spring Boot
Ausbildung
Master of Science Informatik, Technische Universität Berlin, 2015 – 2018
Kenntnisse
Java, Kotlin, PostgreSQL
Sprachen
Deutsch (Muttersprache), Englisch (C1)
"""


def test_german_headings() -> None:
    cv = parse_cv(GERMAN)
    assert cv.contact.name == "Lukas Becker"
    [job] = cv.experience
    assert (job.title, job.employer, job.start, job.current) == (
        "Backend-Entwickler",
        "Siemens AG",
        "2018-03",
        True,
    )
    [school] = cv.education
    assert (school.institution, school.level) == ("Technische Universität Berlin", "master")
    assert {"Java", "Kotlin", "PostgreSQL"} <= {s.name for s in cv.skills}


def test_markdown_cv_with_dates_on_their_own_line() -> None:
    cv = parse_cv(
        "# Ana Souza\n\n**Product Designer** · ana@example.com\n\n## Experience\n\n"
        "### Product Designer — Nubank\n*Feb 2021 – Present*\n\n* Redesigned onboarding in Figma.\n"
    )
    assert cv.contact.name == "Ana Souza"
    assert cv.headline == "Product Designer"
    [job] = cv.experience
    assert (job.title, job.employer, job.start, job.current) == (
        "Product Designer",
        "Nubank",
        "2021-02",
        True,
    )
    assert job.achievements == ["Redesigned onboarding in Figma."]


def test_title_and_employer_in_two_lines_above_the_dates() -> None:
    cv = parse_cv(
        "Experience\nData Analyst\nHelios Energy\nSep 2020 – Present\n- Built dashboards.\n"
    )
    [job] = cv.experience
    assert (job.title, job.employer, job.current) == ("Data Analyst", "Helios Energy", True)


def test_wrapped_bullets_are_joined() -> None:
    cv = parse_cv(
        "Experience\nAnalyst, Acme 2019 – 2020\n- Built a forecasting pipeline that cut\n"
        "stock-outs by a third.\n- Automated reports.\n"
    )
    assert cv.experience[0].achievements == [
        "Built a forecasting pipeline that cut stock-outs by a third.",
        "Automated reports.",
    ]


def test_a_cv_without_any_heading_still_gives_contact_skills_and_jobs() -> None:
    cv = parse_cv(
        "John Smith\njohn.smith@example.com\n+49 30 1234 5678\n"
        "I am a backend developer working with Python, Django and PostgreSQL.\n"
        "Backend Developer at Zalando 2018 – 2022\n"
    )
    assert cv.contact.name == "John Smith"
    assert cv.contact.email == "john.smith@example.com"
    assert cv.contact.phone == "+49 30 1234 5678"
    assert {"Python", "Django", "PostgreSQL"} <= {s.name for s in cv.skills}
    assert [(j.title, j.employer) for j in cv.experience] == [("Backend Developer", "Zalando")]


@pytest.mark.parametrize("text", ["", "   \n\n  ", "\n"])
def test_empty_text_gives_an_empty_parse(text: str) -> None:
    cv = parse_cv(text)
    assert cv.contact.name is None and cv.skills == [] and cv.experience == []


def test_all_caps_name_is_title_cased() -> None:
    assert parse_cv("AMARA NWOSU\nRegistered Nurse\na@example.ca\n").contact.name == "Amara Nwosu"


@pytest.mark.parametrize(
    ("text", "start", "end", "current"),
    [
        ("Jan 2020 – Present", "2020-01", None, True),
        ("January 2020 - present", "2020-01", None, True),
        ("2019-2021", "2019", "2021", False),
        ("2019 – 2021", "2019", "2021", False),
        ("03/2018 - 06/2020", "2018-03", "2020-06", False),
        ("03.2018 – 06.2020", "2018-03", "2020-06", False),
        ("2018-03 – 2020-06", "2018-03", "2020-06", False),
        ("Mart 2019 – Halen", "2019-03", None, True),
        ("2019 – günümüz", "2019", None, True),
        ("Eylül 2020 – Günümüz", "2020-09", None, True),
        ("Şubat 2017 – Ağustos 2020", "2017-02", "2020-08", False),
        ("März 2019 – heute", "2019-03", None, True),
        ("enero 2018 - actualidad", "2018-01", None, True),
        ("sept. 2015 à juin 2017", "2015-09", "2017-06", False),
        ("Sep 2017 to Jan 2020", "2017-09", "2020-01", False),
        ("since 2021", "2021", None, True),
    ],
)
def test_date_ranges(text: str, start: str, end: str | None, current: bool) -> None:
    [found] = find_ranges(f"Engineer, Acme ({text})")
    assert (found.start, found.end, found.current) == (start, end, current)


def test_not_date_ranges() -> None:
    assert find_ranges("Cut latency from 480 ms to 120 ms") == []
    assert find_ranges("2021 - 2019") == []
    assert find_ranges("+44 20 7946 0958") == []
    assert find_dates("AWS Certified (2022)") == [("2022", (15, 19))]
    assert parse_date("13/2020") is None


@pytest.mark.parametrize(
    ("degree", "level"),
    [
        ("BSc Computer Science", "bachelor"),
        ("B.Sc. Physics", "bachelor"),
        ("BA Economics", "bachelor"),
        ("Bachelor of Arts", "bachelor"),
        ("İstatistik Lisans", "bachelor"),
        ("BEng Mechanical Engineering", "bachelor"),
        ("MSc Data Science", "master"),
        ("MBA", "master"),
        ("Yüksek Lisans", "master"),
        ("Master of Science", "master"),
        ("Diplôme d'ingénieur", "master"),
        ("PhD Chemistry", "phd"),
        ("Doktora", "phd"),
        ("Ph.D. in Biology", "phd"),
        ("Ön Lisans", "associate"),
        ("Associate Degree in Nursing", "associate"),
        ("High School Diploma", "high_school"),
        ("Anadolu Lisesi", None),
        ("Computer Science", None),
    ],
)
def test_degree_levels(degree: str, level: str | None) -> None:
    assert degree_level(degree) == level


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Experience", "experience"),
        ("WORK HISTORY", "experience"),
        ("Professional Experience:", "experience"),
        ("İş Deneyimi", "experience"),
        ("İŞ DENEYİMİ", "experience"),
        ("Deneyim", "experience"),
        ("Berufserfahrung", "experience"),
        ("Experiencia laboral", "experience"),
        ("Expérience professionnelle", "experience"),
        ("Eğitim", "education"),
        ("Ausbildung", "education"),
        ("Formation", "education"),
        ("Skills", "skills"),
        ("Yetenekler", "skills"),
        ("Beceriler", "skills"),
        ("## Skills", "skills"),
        ("Projeler", "projects"),
        ("Sertifikalar", "certifications"),
        ("Özet", "summary"),
        ("Profile", "summary"),
        ("Diller", "languages"),
        ("Sprachen", "languages"),
        ("Hobbies", "other"),
        ("Built the experience layer", None),
    ],
)
def test_heading_kinds(line: str, kind: str | None) -> None:
    assert heading_kind(line) == kind


@pytest.mark.parametrize(
    ("text", "title", "employer"),
    [
        ("Senior Engineer — Acme", "Senior Engineer", "Acme"),
        ("Acme | Senior Engineer", "Senior Engineer", "Acme"),
        ("Senior Engineer at Acme Corp", "Senior Engineer", "Acme Corp"),
        ("Registered Nurse St. Michael's Hospital", "Registered Nurse", "St. Michael's Hospital"),
        (
            "Kıdemli Veri Bilimci — Boğaziçi Yazılım A.Ş.",
            "Kıdemli Veri Bilimci",
            "Boğaziçi Yazılım A.Ş.",
        ),
        ("Freelance", "Freelance", None),
    ],
)
def test_title_and_employer(text: str, title: str, employer: str | None) -> None:
    assert split_title_employer(text) == (title, employer)


def test_employer_line_above_title_line_and_dates_first_in_a_table_row() -> None:
    cv = parse_cv(
        "Experience\nAcme Corp\nSenior Engineer\n2019 – 2021\n- Did things.\n"
        "Jan 2017 - Dec 2018 | Developer | Globex\n"
    )
    assert [(j.title, j.employer, j.start, j.end) for j in cv.experience] == [
        ("Senior Engineer", "Acme Corp", "2019", "2021"),
        ("Developer", "Globex", "2017-01", "2018-12"),
    ]
    assert cv.experience[0].achievements == ["Did things."]


def test_school_without_a_degree_and_long_degree_names() -> None:
    cv = parse_cv(
        "Education\nUniversity of Bristol — Bachelor of Science in Physics (2011–2015)\n"
        "Ankara Fen Lisesi 2007 - 2011\n- GPA 3.9\n"
    )
    assert [(e.institution, e.degree, e.level, e.field_of_study) for e in cv.education] == [
        ("University of Bristol", "Bachelor of Science", "bachelor", "Physics"),
        ("Ankara Fen Lisesi", None, "high_school", None),
    ]


def test_a_heading_is_never_taken_for_the_name() -> None:
    cv = parse_cv("Work Experience\nEngineer, Acme 2019 – 2020\n")
    assert cv.contact.name is None
    assert cv.experience[0].employer == "Acme"


def test_pathological_text_does_not_crawl() -> None:
    """No timing assertion: a regex that backtracks badly would make this test hang."""
    cv = parse_cv("a" * 100_000 + "@" + "1 " * 20_000 + "2019-" * 5_000)
    assert cv.experience == []
