"""The packaged skill taxonomy: size, coverage, unique spellings, resolvable links, the API."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from careercoach.analysis.taxonomy import (
    CATEGORIES,
    Skill,
    Taxonomy,
    fold,
    form_key,
    load_taxonomy,
)

REPO = Path(__file__).resolve().parents[2]

DOMAIN_MINIMUMS = {
    "software": 150,
    "data": 100,
    "cloud": 100,
    "design": 80,
    "product": 50,
    "marketing": 80,
    "sales": 60,
    "finance": 100,
    "healthcare": 100,
    "education": 60,
    "trades": 100,
    "soft": 60,
    "language": 50,
    "security": 40,
}
CATEGORY_MINIMUMS = {
    "technical": 300,
    "tool": 300,
    "soft": 60,
    "domain": 300,
    "language": 50,
    "certification": 100,
}


def must_get(taxonomy: Taxonomy, name: str) -> Skill:
    skill = taxonomy.get(name)
    assert skill is not None, name
    return skill


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="module")
def build() -> ModuleType:
    path = REPO / "tools" / "taxonomy" / "build.py"
    spec = importlib.util.spec_from_file_location("taxonomy_build", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["taxonomy_build"] = module
    spec.loader.exec_module(module)
    return module


def test_at_least_2000_skills(taxonomy: Taxonomy) -> None:
    assert len(taxonomy) >= 2000
    assert len(list(taxonomy)) == len(taxonomy)


def test_every_category_is_well_populated(taxonomy: Taxonomy) -> None:
    counts = Counter(skill.category for skill in taxonomy)
    assert set(counts) == set(CATEGORIES)
    for category, minimum in CATEGORY_MINIMUMS.items():
        assert counts[category] >= minimum, category
        assert len(taxonomy.by_category(category)) == counts[category]


def test_required_domains_are_well_populated(taxonomy: Taxonomy) -> None:
    counts = Counter(skill.domain for skill in taxonomy)
    for domain, minimum in DOMAIN_MINIMUMS.items():
        assert counts[domain] >= minimum, domain
        assert len(taxonomy.by_domain(domain)) == counts[domain]
    assert set(taxonomy.domains) == set(counts)


def test_names_and_aliases_are_unique_across_skills(taxonomy: Taxonomy) -> None:
    by_casefold: dict[str, str] = {}
    by_key: dict[str, str] = {}
    for skill in taxonomy:
        for form in skill.forms:
            for table, key in ((by_casefold, fold(form)), (by_key, form_key(form))):
                owner = table.setdefault(key, skill.name)
                assert owner == skill.name, f"{form!r} names {owner!r} and {skill.name!r}"


def test_no_near_duplicates_or_numbered_variants(taxonomy: Taxonomy, build: ModuleType) -> None:
    loose: dict[str, str] = {}
    stems: dict[str, str] = {}
    for skill in taxonomy:
        for form in skill.forms:
            owner = loose.setdefault(build._loose_key(form_key(form)), skill.name)
            assert owner == skill.name, f"{form!r} ~ {owner!r}"
        stem = re.sub(r"[\s-]*\d[\d.\-]*", "", skill.name).strip().lower()
        if stem != skill.name.lower() and skill.name not in build.NUMBERED_OK:
            owner = stems.setdefault(stem, skill.name)
            assert owner == skill.name, f"{skill.name!r} is a numbered variant of {owner!r}"


def test_spellings_are_clean(taxonomy: Taxonomy) -> None:
    for skill in taxonomy:
        for form in skill.forms:
            assert form == form.strip() and "  " not in form and form
            assert form[0] not in "=?", form
        assert len(set(map(fold, skill.aliases))) == len(skill.aliases), skill.name


def test_related_skills_resolve_with_strengths_in_range(taxonomy: Taxonomy) -> None:
    names = {skill.name for skill in taxonomy}
    links = 0
    for skill in taxonomy:
        targets = [name for name, _ in skill.related]
        assert len(targets) == len(set(targets)), skill.name
        for name, strength in skill.related:
            assert name in names, f"{skill.name} -> {name}"
            assert name != skill.name
            assert 0 < strength <= 1
            links += 1
    assert links >= 2000


def test_examples_from_the_issue(taxonomy: Taxonomy) -> None:
    assert must_get(taxonomy, "JS").name == "JavaScript"
    assert must_get(taxonomy, "ECMAScript").name == "JavaScript"
    assert must_get(taxonomy, "k8s").name == "Kubernetes"
    assert must_get(taxonomy, "Postgres").name == "PostgreSQL"
    assert must_get(taxonomy, "MS Excel").name == "Microsoft Excel"
    assert dict(must_get(taxonomy, "PostgreSQL").related)["SQL"] >= 0.8
    assert dict(must_get(taxonomy, "React").related)["JavaScript"] >= 0.8
    related = taxonomy.related("react")
    assert related[0][0].name == "JavaScript"
    assert [s for _, s in related] == sorted((s for _, s in related), reverse=True)


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("Proje Yönetimi", "Project Management"),
        ("İletişim", "Communication"),
        ("Takım Çalışması", "Teamwork"),
        ("Veri Analizi", "Data Analysis"),
        ("Muhasebe", "Accounting"),
        ("Excel", "Microsoft Excel"),
        ("Liderlik", "Leadership"),
        ("Problem Çözme", "Problem Solving"),
        ("Zaman Yönetimi", "Time Management"),
        ("Yazılım Geliştirme", "Software Development"),
        ("İngilizce", "English"),
        ("ILETISIM", "Communication"),
        ("iletişim", "Communication"),
        ("TAKIM ÇALIŞMASI", "Teamwork"),
    ],
)
def test_turkish_spellings(taxonomy: Taxonomy, spelling: str, name: str) -> None:
    assert must_get(taxonomy, spelling).name == name


def test_languages_are_human_and_programming_languages_technical(taxonomy: Taxonomy) -> None:
    for human in ("English", "Turkish", "German", "Arabic", "Mandarin Chinese"):
        skill = must_get(taxonomy, human)
        assert (skill.category, skill.domain) == ("language", "language")
    for code in ("Python", "Java", "C", "R", "Go", "SQL", "JavaScript"):
        assert must_get(taxonomy, code).category == "technical", code
    assert all(s.domain == "language" for s in taxonomy.by_category("language"))


def test_lookup_is_case_insensitive_and_forgiving(taxonomy: Taxonomy) -> None:
    assert taxonomy.get("python") is taxonomy.get("PYTHON") is taxonomy.get("Python")
    assert taxonomy.get("front end development") is taxonomy.get("Front-End Development")
    assert taxonomy.get("no such skill at all") is None
    assert taxonomy.related("no such skill at all") == []
    assert "kubernetes" in taxonomy and "nonsense-skill" not in taxonomy


def test_load_is_cached(taxonomy: Taxonomy) -> None:
    assert load_taxonomy() is taxonomy


def test_committed_data_matches_the_sources(build: ModuleType) -> None:
    data, _ = build.build()
    committed = REPO / "src" / "careercoach" / "analysis" / "data" / "skills.json"
    assert committed.read_bytes() == data, "run: python tools/taxonomy/build.py"


def test_a_custom_taxonomy_rejects_clashing_spellings() -> None:
    clash = Taxonomy([Skill("A", "tool", "x", ("Same",)), Skill("B", "tool", "x", ("same",))])
    with pytest.raises(ValueError):
        clash.get("anything")
    with pytest.raises(ValueError):
        Taxonomy([Skill("A", "tool", "x"), Skill("A", "tool", "x")])
