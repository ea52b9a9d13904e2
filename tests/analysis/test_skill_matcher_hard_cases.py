"""The matcher's word-boundary and context rules on the cases that trip naive matchers."""

from __future__ import annotations

import pytest

from careercoach.analysis.skill_matcher import find_skills
from careercoach.analysis.taxonomy import FormRule, Skill, Taxonomy


def names(text: str) -> set[str]:
    return {m.skill for m in find_skills(text)}


# (text, skill that must be found)
FOUND = [
    # C: as a language in a list, after a cue, before a cue, one per line
    ("Languages: C, C++, Python", "C"),
    ("Embedded firmware written in C for ARM boards", "C"),
    ("C programming on microcontrollers", "C"),
    ("C/C++ developer", "C"),
    ("Skills\n• C\n• Python", "C"),
    ("C++ and C# both", "C++"),
    ("C++ and C# both", "C#"),
    # R
    ("R, Python, SQL", "R"),
    ("Statistical analysis in R", "R"),
    ("R programming and Shiny dashboards", "R"),
    ("Built reports in RStudio", "RStudio"),
    # Go
    ("Go, Rust and Python", "Go"),
    ("Backend services in Golang", "Go"),
    ("microservices written in Go", "Go"),
    ("Senior Go developer", "Go"),
    # .NET, Node
    ("Experienced with .NET and C#", ".NET"),
    ("ASP.NET Core web APIs", "ASP.NET"),
    ("Node.js, Express and MongoDB", "Node.js"),
    ("NodeJS microservices", "Node.js"),
    ("React, Node, PostgreSQL", "Node.js"),
    # Excel
    ("Advanced MS Excel (pivot tables)", "Microsoft Excel"),
    ("Excel, Word and PowerPoint", "Microsoft Excel"),
    ("Word, Excel, PowerPoint", "Microsoft Word"),
    # Java / JavaScript / Spring
    ("Java 17 and Spring Boot", "Java"),
    ("JavaScript (ES6) and TypeScript", "JavaScript"),
    ("Java, Spring, Hibernate", "Spring Framework"),
    ("Spring Boot microservices", "Spring Boot"),
    ("Java/Spring backend", "Spring Framework"),
    # other ambiguous names used as technologies
    ("iOS apps in Swift and SwiftUI", "Swift"),
    ("Systems programming in Rust", "Rust"),
    ("Ruby, Python and Bash", "Ruby"),
    ("Ruby on Rails APIs", "Ruby on Rails"),
    ("Scala and Apache Spark pipelines", "Scala"),
    ("Dart, Flutter", "Dart"),
    ("Julia, Python, MATLAB", "Julia"),
    ("Configuration with Ansible, Chef, Puppet", "Chef"),
    ("Configuration with Ansible, Chef, Puppet", "Puppet"),
    ("Linux, Shell, Git", "Shell Scripting"),
    ("Bash and shell scripting", "Shell Scripting"),
    ("Builds with CMake and Make", "GNU Make"),
    ("Git, GitHub Actions", "Git"),
    ("Git, GitHub Actions", "GitHub Actions"),
    ("SQL and PostgreSQL", "SQL"),
    # aliases and spellings
    ("Deployed on k8s with Helm", "Kubernetes"),
    ("Postgres and Redis", "PostgreSQL"),
    ("ECMAScript modules", "JavaScript"),
    ("Front-end development", "Front-End Development"),
    ("front end development", "Front-End Development"),
    ("Scikit-learn models", "scikit-learn"),
    ("CI/CD pipelines", "Continuous Delivery"),
    # Turkish and accents
    ("İletişim ve Takım Çalışması", "Communication"),
    ("İletişim ve Takım Çalışması", "Teamwork"),
    ("PROJE YÖNETİMİ", "Project Management"),
    ("proje yonetimi", "Project Management"),
    ("Veri Analizi, Muhasebe", "Data Analysis"),
    ("Veri Analizi, Muhasebe", "Accounting"),
    ("Makine Öğrenmesi", "Machine Learning"),
    ("İngilizce (İleri), Almanca (Orta)", "English"),
    ("İngilizce (İleri), Almanca (Orta)", "German"),
    # human languages in a languages context
    ("Languages: English (C1), German (B2)", "English"),
    ("Languages: English (C1), German (B2)", "German"),
    ("Native Turkish speaker", "Turkish"),
    ("Fluent in French and Spanish", "French"),
    ("Fluent in French and Spanish", "Spanish"),
    ("Skills: Patient assessment • IV therapy • Triage", "Patient Triage"),
    ("Excellent communication skills in English", "English"),
    ("English required; Turkish is a plus.", "Turkish"),
    ("BLS certified. Epic and Cerner charting.", "Epic Systems"),
    ("REST, GraphQL and gRPC", "RESTful APIs"),
    ("LangChain, RAG, vector search", "Retrieval-Augmented Generation"),
    ("Prioritised with MoSCoW", "Feature Prioritization"),
    # human languages after a level word or "bilingual in"; Turkish "iyi derecede", "bilgisi"
    ("Good English; we work in English every day", "English"),
    ("Bilingual in English and Spanish", "English"),
    ("Bilingual in English and Spanish", "Spanish"),
    ("İyi derecede İngilizce", "English"),
    ("İngilizce bilgisi", "English"),
    # context words after "experience with", "such as", or next to their own kind
    ("Experience with Intercom", "Intercom"),
    ("Familiarity with Gong", "Gong.io"),
    ("product analytics tools such as Amplitude or Mixpanel", "Amplitude"),
    ("Working knowledge of AWS (S3, Glue, Lambda)", "AWS Glue"),
    ("Working knowledge of AWS (S3, Glue, Lambda)", "AWS Lambda"),
    ("ACA, ACCA or CIMA qualified", "Chartered Accountant"),
    ("Current EMT certification", "Emergency Medical Technician"),
    ("Senior Backend Engineer (Go)", "Back-End Development"),
    ("Skills: Backend, Frontend, DevOps", "Back-End Development"),
    ("Unit and UI testing with XCTest", "UI Testing"),
    # Turkish endings on the last word of a spelling, in Turkish text
    ("Kod incelemelerine katılmak", "Code Review"),
    ("Banka ve cari hesap mutabakatlarının yapılması", "Account Reconciliation"),
]

# (text, skill that must not be found)
NOT_FOUND = [
    ("Plan C was ready.", "C"),
    ("C-level executives and C-suite", "C"),
    ("Grade C in chemistry", "C"),
    ("Vitamin C, zinc and iron", "C"),
    ("Objective-C apps", "C"),
    ("C++ templates", "C"),
    ("C# and Unity", "C"),
    ("R&D department", "R"),
    ("Signed by R. Smith, John R. Tolkien", "R"),
    ("Research and development in R&D labs", "R"),
    ("We go to market next year", "Go"),
    ("Always on the go", "Go"),
    ("A real go-getter", "Go"),
    ("Go-live support for SAP", "Go"),
    ("Excellent communication skills", "Microsoft Excel"),
    ("I excel at planning", "Microsoft Excel"),
    ("Excel at planning and delivery", "Microsoft Excel"),
    ("JavaScript and TypeScript", "Java"),
    ("Spring 2021 semester", "Spring Framework"),
    ("spring semester abroad", "Spring Framework"),
    ("Started in Spring, finished in Autumn.", "Spring Framework"),
    ("Swiftly resolved tickets", "Swift"),
    ("My French is rusty", "Rust"),
    ("References: Ruby Chen", "Ruby"),
    ("Julia Roberts fan club", "Julia"),
    ("Head Chef at a bistro", "Chef"),
    ("Puppet theatre volunteer", "Puppet"),
    ("Internship at Shell", "Shell Scripting"),
    ("Make sure deadlines are met", "GNU Make"),
    ("Projects on GitHub", "Git"),
    ("PostgreSQL and MySQL", "SQL"),
    ("Microsoft SQL Server", "SQL"),
    ("graph node and edge", "Node.js"),
    ("Python scripts", "Julia"),
    ("Worked for a German company in Turkish Airlines", "German"),
    ("Worked for a German company in Turkish Airlines", "Turkish"),
    ("react to customer feedback", "React"),
    ("access the portal", "Microsoft Access"),
    ("fix bug triage", "Patient Triage"),
    ("Atlanta, GA and Hartford, CT", "Google Analytics"),
    ("Fluent English speaker", "ANSYS"),
    ("the rest of the team", "RESTful APIs"),
    ("Relocated from Moscow", "Feature Prioritization"),
    ("Weekly RAG status reports", "Retrieval-Augmented Generation"),
    ("EVP of Sales", "Employer Branding"),
    ("Baş Muhasebeci", "Building Automation Systems"),
    ("Ann Smith, hiring manager", "Neural Networks"),
    ("Drawing on ten years of experience", "Drawing"),
    ("Design test suites for our game backend and web tools", "Back-End Development"),
    ("5+ years of professional software engineering experience", "Software Development"),
    ("Java ile en az 5 yıl yazılım geliştirme deneyimi", "Software Development"),
    ("Present findings to senior leadership", "Leadership"),
    ("Improve the reliability and latency of the pipeline", "Reliability"),
    ("Install and bend conduit (EMT, rigid, PVC)", "Emergency Medical Technician"),
    ("Hunt for threats across endpoint and network telemetry", "Observability"),
    ("Zendesk or a similar help desk tool", "IT Support"),
    ("Affordable Care Act (ACA) reporting", "Chartered Accountant"),
    # Turkish endings only in Turkish text, and only on a stem of four letters or more
    ("Javadan is not a word here", "Java"),
    ("Muhasebeciler ve iş ortakları ile çalışmak", "Accounting"),
    # a bare language name is still a nationality without a cue
    ("We supply German car makers", "German"),
    ("A Polish logistics company", "Polish"),
]


@pytest.mark.parametrize(("text", "skill"), FOUND)
def test_finds(text: str, skill: str) -> None:
    assert skill in names(text)


@pytest.mark.parametrize(("text", "skill"), NOT_FOUND)
def test_does_not_find(text: str, skill: str) -> None:
    assert skill not in names(text)


def test_longest_match_wins_and_is_not_double_counted() -> None:
    assert names("C++") == {"C++"}
    assert names("ASP.NET") == {"ASP.NET"}
    assert names("Spring Boot") == {"Spring Boot"}
    assert names("Ruby on Rails") == {"Ruby on Rails"}
    assert names("React Native") == {"React Native"}
    assert names("Microsoft SQL Server") == {"Microsoft SQL Server"}
    assert names("JavaScript") == {"JavaScript"}
    assert names("go-to-market strategy") == {"Go-to-Market Strategy"}


def test_mentions_carry_offsets_counts_and_spans() -> None:
    text = "Python, SQL and Python again; then python."
    mentions = {m.skill: m for m in find_skills(text)}
    python = mentions["Python"]
    assert (python.start, python.end, python.text) == (0, 6, "Python")
    assert python.count == 3
    assert [text[a:b] for a, b in python.spans] == ["Python", "Python", "python"]
    assert python.category == "technical" and python.domain == "software"
    assert [m.skill for m in find_skills(text)] == ["Python", "SQL"]


def test_offsets_point_into_the_original_text_with_turkish_letters() -> None:
    text = "Yetenekler: İLETİŞİM, Takım Çalışması"
    for mention in find_skills(text):
        assert text[mention.start : mention.end] == mention.text
    assert {m.text for m in find_skills(text)} == {"İLETİŞİM", "Takım Çalışması"}


def test_multi_word_names_survive_line_wraps_but_not_paragraphs() -> None:
    assert "Project Management" in names("strong project\nmanagement skills")
    assert "Project Management" not in names("a project\n\nmanagement team")


def test_empty_and_punctuation_only_text() -> None:
    assert find_skills("") == []
    assert find_skills(" ,.;:-()\n\n") == []


def test_exact_case_spellings() -> None:
    assert "Go" not in names("go, rust")  # the language is written "Go"
    assert "React" in names("React, Redux")
    assert "Artificial Intelligence" in names("AI and ML")
    assert "Artificial Intelligence" not in names("ai and ml")


def test_a_custom_taxonomy_and_its_rules() -> None:
    custom = Taxonomy(
        [
            Skill("Widgetry", "technical", "software", ("widgets",)),
            Skill("Bolt", "tool", "software"),
            Skill("Nuts", "tool", "software"),
        ],
        rules={"Bolt": FormRule(exact_case=True, needs_context=True)},
    )
    assert [m.skill for m in find_skills("widgets and WIDGETRY", custom)] == ["Widgetry"]
    assert find_skills("Bolt upright", custom) == []
    assert {m.skill for m in find_skills("Nuts, Bolt", custom)} == {"Nuts", "Bolt"}
    assert {m.skill for m in find_skills("nuts, bolt", custom)} == {"Nuts"}


def test_a_language_named_with_the_word_language_needs_no_other_cue() -> None:
    assert {"German"} <= names("- German language skills")
    # and vouches for the language listed next to it
    assert {"German", "Polish"} <= names("• German or Polish language skills")


def test_regular_plurals_of_multi_word_names() -> None:
    assert "Risk Assessment" in names("Experience with risk assessments under ISO 12100")
    assert "Product Launch" in names("Led three product launches")
    # one word is not pluralised: "Gos" and "Rubies" are not languages
    assert "Go" not in names("two gos at it")


def test_a_line_of_languages_alone_is_a_languages_list() -> None:
    assert {"German", "Dutch"} <= names("- German or Dutch")
    assert {"French", "Italian", "Spanish"} <= names("- French, Italian and Spanish")
    # but nationalities inside a sentence stay nationalities
    assert not {"German", "Dutch"} & names("We ship to German and Dutch retailers")


def test_a_language_with_a_level_or_a_plus() -> None:
    assert "Spanish" in names("- Spanish is a big plus")
    assert "Spanish" in names("illustration skills · basic Spanish")


def test_a_turkish_name_does_not_make_an_english_cv_turkish() -> None:
    """Turkish endings are read only in Turkish text: "delete" is not an inflected DELE."""
    cv = (
        "Ayşe Kaya\nWarehouse operator at Doğan Lojistik A.Ş.\n"
        "- Operate forklifts and delete obsolete stock records\n"
        + "Experienced operator in busy distribution centres, safety first.\n" * 3
    )
    assert "DELE" not in names(cv)
    # while Turkish text still is: "incelemelerine" is an inflected "inceleme"
    assert "Code Review" in names("kod incelemelerine katılmak ve İngilizce bilmek")
