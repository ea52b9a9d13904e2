"""Word lists for the ATS-style CV checks (analysis/ats_checks.py), kept apart from the rules.

Section headings and date ranges come from analysis.cv_sections and analysis.dates. Words
here are folded as ``taxonomy.fold`` does (lower case, accents and the Turkish dotless i
removed), except the tech-name table, which is about exact spelling.
"""

from __future__ import annotations

from typing import NamedTuple


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Full month names (folded), English and Turkish: a CV writes either these or abbreviations.
FULL_MONTHS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "ocak",
        "subat",
        "mart",
        "nisan",
        "mayis",
        "haziran",
        "temmuz",
        "agustos",
        "eylul",
        "ekim",
        "kasim",
        "aralik",
    }
)
AMBIGUOUS_MONTHS = frozenset({"may"})  # both the full name and its abbreviation

# Phrases that describe duties instead of results.
WEAK_PHRASES: tuple[str, ...] = (
    "responsible for",
    "worked on",
    "helped with",
    "helped to",
    "duties included",
    "duties include",
    "tasked with",
    "involved in",
    "assisted with",
    "assisted in",
    "participated in",
    "in charge of",
    "was part of",
    "worked as part of",
    "sorumluydum",
    "sorumlu oldum",
    "gorev aldim",
    "yardimci oldum",
    "gorevlerim",
    "katki sagladim",
)

# Verbs that open a strong achievement bullet (first word, folded).
STRONG_VERBS = _words("""
accelerated achieved acquired advised analysed analyzed architected audited authored automated
boosted built championed cleaned closed coached collaborated completed conceived configured
consolidated coordinated created cut debugged decreased defined delivered deployed designed
developed devised digitised digitized directed doubled drove eliminated enabled engineered
established evaluated expanded facilitated forecast founded generated grew guided halved
headed identified implemented improved increased influenced initiated instituted integrated
introduced invented launched led lowered maintained managed mentored merged migrated
modernised modernized moved negotiated optimised optimized orchestrated organised organized
overhauled owned pioneered planned prevented produced programmed published raised ran
rebuilt reconciled redesigned reduced refactored remodelled reorganised reorganized replaced
researched resolved restructured revamped saved scaled secured set shipped simplified sold
solved spearheaded standardised standardized streamlined strengthened supervised taught
tested trained transformed tripled troubleshot unified upgraded won wrote
lead build design develop manage create deliver launch reduce increase improve implement
""")

# Words that make a bullet quantified although it has no digit.
NUMBER_WORDS = _words("""
two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty
sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion
billions dozen dozens half double doubled triple tripled halved percent
iki uc dort bes alti yedi sekiz dokuz yirmi otuz kirk elli yuz bin milyon milyar yuzde
""")

# First-person pronouns that a CV leaves out (Turkish ones are folded).
PRONOUNS_TR = ("ben", "benim", "bana", "beni", "bende")


class TechName(NamedTuple):
    """A tech name's official spelling, other spellings of the same name, and spellings that
    are acceptable besides the official one. `loose` also matches the official name in any
    case ("javascript"); off for names that are common words ("react to", "a flask")."""

    canonical: str
    variants: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    loose: bool = True


TECH_NAMES: tuple[TechName, ...] = (
    TechName("JavaScript", ("java script",)),
    TechName("TypeScript", ("type script",)),
    TechName("GitHub", ("git hub",)),
    TechName("GitLab", ("git lab",)),
    TechName("Bitbucket", ("bit bucket",)),
    TechName(
        "PostgreSQL",
        ("postgres", "postgre", "postgre sql", "postgressql", "postgresql"),
        ("Postgres",),
    ),
    TechName("MySQL", ("my sql",)),
    TechName("SQLite", ("sqllite", "sql lite")),
    TechName("MongoDB", ("mongo db",)),
    TechName("DynamoDB", ("dynamo db",)),
    TechName("BigQuery", ("big query",)),
    TechName("Elasticsearch", ("elastic search",)),
    TechName("Node.js", ("nodejs", "node js", "node-js")),
    TechName("Next.js", ("nextjs", "next js")),
    TechName("Vue.js", ("vuejs", "vue js"), ("Vue",)),
    TechName("React", ("reactjs", "react.js", "react js"), ("React.js", "ReactJS"), loose=False),
    TechName("AngularJS", ("angular js",)),
    TechName("jQuery", ()),
    TechName("Python", ()),
    TechName("Django", ()),
    TechName("FastAPI", ("fast api",)),
    TechName("Spring Boot", ("springboot",)),
    TechName("PHP", ()),
    TechName("HTML", ()),
    TechName("CSS", ()),
    TechName("NoSQL", ("no sql",)),
    TechName("GraphQL", ("graph ql",)),
    TechName("JSON", ()),
    TechName("YAML", ()),
    TechName("AWS", ()),
    TechName("macOS", ("mac os",)),
    TechName("iOS", ()),
    TechName("Linux", ()),
    TechName("Docker", ()),
    TechName("Kubernetes", (), ("K8s", "k8s")),
    TechName("Terraform", ()),
    TechName("Ansible", ()),
    TechName("RabbitMQ", ("rabbit mq",)),
    TechName("TensorFlow", ("tensor flow",)),
    TechName("PyTorch", ("py torch",)),
    TechName("scikit-learn", ("scikit learn", "sklearn", "sci-kit learn"), ("Scikit-learn",)),
    TechName("NumPy", ()),
    TechName("Jupyter", ()),
    TechName("MLflow", ("ml flow",)),
    TechName("Power BI", ("powerbi",)),
    TechName("DevOps", ("dev ops",)),
    TechName("OAuth", ()),
    TechName("LinkedIn", ("linked in",)),
    TechName("WordPress", ("word press",)),
    TechName("Firebase", ("fire base",)),
    TechName("Kotlin", ()),
    TechName("ESLint", ("es lint",)),
    TechName("Figma", ()),
    TechName("Jira", (), ("JIRA",)),
)
