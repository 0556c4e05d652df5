"""Behaviour of the look-ups that keep builds fast at thousands of cases (issue 6).

The fast paths must give exactly what the plain algorithms give: related cases against a
pairwise reference on a fictional dataset with many ties, YAML loading against PyYAML's own
constructor, and the data cache (one load per build, reloaded when a file is added or removed).
Speed itself is measured by `make bench`, never asserted here.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
import yaml

from macros.core import catalog as catalog_module
from macros.core.catalog import load_site, validate
from macros.site.related import FIELDS, case_profile, choices_profile, rank, rank_all, related_cases, vocabularies
from macros.core.yamlsrc import Problem, parse

from .conftest import ROOT, build, make_project

sys.path.insert(0, str(ROOT / "bench"))
import gen  # noqa: E402  (the benchmark's fictional dataset generator)


@pytest.fixture(scope="module")
def big_cat(tmp_path_factory):
    cat, problems = validate(gen.generate(240, tmp_path_factory.mktemp("skala") / "data"))
    assert not problems, problems[:5]
    return cat


def pairwise_related(case, cat, limit=6):
    """The straightforward application of the definition: score every published case."""
    return rank_all(case_profile(case, cat), cat, limit, case.record.sprak)


@pytest.mark.parametrize("limit", [6, 1, 3, 40, 0])
def test_related_cases_equal_the_pairwise_definition(big_cat, limit):
    for case in big_cat.cases + big_cat.examples:
        fast = [(r.case.path, r.reasons, r.score, r.km) for r in related_cases(case, big_cat, limit=limit)]
        slow = [(r.case.path, r.reasons, r.score, r.km) for r in pairwise_related(case, big_cat, limit=limit)]
        assert fast == slow, case.path


def test_self_assessment_ranking_equals_the_pairwise_definition(big_cat):
    """Subjects that are no case: any municipality (or none) and any mix of choices."""
    import random

    rng = random.Random(9)
    vocab = vocabularies(big_cat)
    ids = {"fokus": [f.id for f in big_cat.fokusomrader], "kriterium": [i for i, _ in vocab["kriterium"]],
           "partner": [i for i, _ in vocab["partner"]], "sektor": [i for i, _ in vocab["sektor"]]}
    numbers = sorted(big_cat.reg.kommuner)
    for _ in range(150):
        kommune = rng.choice(numbers + [None])
        choices = {f: rng.sample(v, rng.randint(0, min(3, len(v)))) for f, v in ids.items() if f in FIELDS}
        subject = choices_profile(big_cat, kommune, **choices)
        for limit in (1, 10):
            fast = [(r.case.path, r.reasons, r.score, r.km) for r in rank(subject, big_cat, limit)]
            slow = [(r.case.path, r.reasons, r.score, r.km) for r in rank_all(subject, big_cat, limit)]
            assert fast == slow, (kommune, choices, limit)


def test_catalog_lookups_equal_linear_scans(big_cat):
    cat = big_cat
    for f in cat.fylker:
        assert cat.cases_in_fylke(f.nummer) == [
            c for c in cat.cases if cat.reg.kommuner[c.record.kommunenummer].fylke == f.nummer]
    assert cat.cases_in_fylke("99") == []
    for f in cat.fokusomrader:
        assert cat.fokus(f.id) is next(x for x in cat.fokusomrader if x.id == f.id)
    for k in cat.kriterier:
        assert cat.kriterium(k.id) is next(x for x in cat.kriterier if x.id == k.id)
    assert cat.fokus(None) is None and cat.fokus("finnes-ikke") is None and cat.kriterium("finnes-ikke") is None


# --- YAML: the one-pass loader against PyYAML's constructor ---------------------------------------

class _Reference(yaml.SafeLoader):
    """Only bool, null and text, as macros.yamlsrc.TextLoader, through PyYAML's own code paths."""


_Reference.yaml_implicit_resolvers = {}
_Reference.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                 list("tTfF"))
_Reference.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


def _reference(text: str):
    loader = _Reference(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    lines, dups = {}, []

    def walk(n, path):
        lines.setdefault(path, n.start_mark.line + 1)
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                child = path + (k.value,)
                if child in lines:
                    dups.append((child, k.start_mark.line + 1))
                lines[child] = k.start_mark.line + 1
                walk(v, child)
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                walk(item, path + (i,))
    walk(node, ())
    return data, lines, dups


TRICKY = [
    "a: 1\nb: true\nc: yes\nd: ~\ne: null\nf: ''\ng: 'true'\nh: TRUE\ni: False\nj: no\nk: 0301\n",
    "a: &x {k: v}\nb: *x\n", "a: &x [1, 2]\nb: *x\n", "a: &s hello\nb: *s\n", "<<: {a: 1}\nb: 2\n",
    "a: !!bool yes\n", "a: !!int 3\n", "a: !!str 3\nb: !!null x\n", "true: a\nnull: b\n~: c\n'x': d\n",
    "a: 1\na: 2\nb:\n  c: 1\n  c: 3\n", "- a\n- b: c\n  d: [e, f]\n", "just text\n", "[1, 2, 3]\n",
    "a: |\n  line\n  two\n", "a: \"esc\\ttab\"\nb: 'it''s'\n", "{a: [b, {c: d}]}\n", "-\n-\n- ~\n", "a:\n",
    "a: ! x\nb: ! true\n", "a: !<tag:yaml.org,2002:str> true\n", "a:\n  - &m {x: 1}\n  - *m\n",
    "dato: 2024-01-01\nkommunenummer: \"0301\"\nsprak: no\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_yaml_loader_equals_pyyaml(text):
    src, problem = parse(text, "x.yml")
    assert problem is None
    data, lines, dups = _reference(text)
    assert (src.data, src.lines, src.duplicates) == (data, lines, dups)
    assert repr(src.data) == repr(data)  # same types (bool/None/str), same key order


def test_yaml_loader_keeps_aliases_shared_and_errors_as_before():
    src, _ = parse("a: &x {k: v}\nb: *x\n", "x.yml")
    assert src.data["a"] is src.data["b"]
    _, problem = parse("? [a, b]\n: c\n", "x.yml")
    assert isinstance(problem, Problem) and problem.line == 1
    _, problem = parse("a: [1, 2\n", "x.yml")
    assert isinstance(problem, Problem) and "ugyldig YAML" in problem.message


def test_yaml_loader_equals_pyyaml_on_every_data_file():
    files = sorted((ROOT / "data").rglob("*.yml")) + sorted((ROOT / "tests" / "fixtures").rglob("*.yml"))
    assert files
    for f in files:
        text = f.read_text(encoding="utf-8")
        src, problem = parse(text, f.name)
        if problem is None:
            assert (src.data, src.lines, src.duplicates) == _reference(text), f


# --- the data cache --------------------------------------------------------------------------------

def test_data_is_loaded_and_validated_once_per_build(tmp_path, monkeypatch):
    calls = []
    real = catalog_module.validate
    monkeypatch.setattr(catalog_module, "validate", lambda d, *args: calls.append(d) or real(d, *args))
    build(make_project(tmp_path))
    assert len(calls) == 1


def test_cache_reloads_when_a_case_is_added_or_removed(tmp_path):
    data = gen.generate(20, tmp_path / "data")
    first = load_site(data)
    assert load_site(data) is first  # unchanged: the cached result
    victim = data / "kommuner" / "testkommune-0007.yml"
    text, stamp = victim.read_text(encoding="utf-8"), victim.stat()
    story = victim.with_suffix(".md")
    story_text = story.read_text(encoding="utf-8")
    victim.unlink()
    story.unlink()
    second = load_site(data)
    assert second is not first and len(second[0].cases) == len(first[0].cases) - 1
    # Put back with its old modification time (as a copy that keeps times would): still seen.
    victim.write_text(text, encoding="utf-8")
    story.write_text(story_text, encoding="utf-8")
    for f in (victim, story):
        os.utime(f, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    third = load_site(data)
    assert third is not second and len(third[0].cases) == len(first[0].cases)
