"""The case form speaks to people (issue 18.2): a help text in bokmål and nynorsk for every field of a
case, without file paths, ids, true/false or quoting rules; choices shown by their titles."""
from __future__ import annotations

import re

from macros.core.model import Kommunecase
from macros.site.form import rules_json
from macros.site.formhelp import help_texts, missing_help

# What a help text for people never says: files and paths, the words of YAML, quoting.
FORBIDDEN = [r"data/", r"\.ya?ml", r"\btrue\b", r"\bfalse\b", r"anførselstegn", r"\bid-en\b", r"ÅÅÅÅ-MM-DD", r"[\"`]"]


def raw_ids(cat) -> set[str]:
    """Ids as the data writes them, where a reader would see a different word: ids with a hyphen,
    field names, and value-list keys that are not the word they stand for (naeringsliv, fullfort)."""
    from macros.core import model
    from macros.core.schema import FIELD_TITLES
    ids = {f.id for f in cat.fokusomrader} | {k.id for k in cat.kriterier} | {p.id for p in cat.programmer}
    for vocab in (model.SEKTOR, model.PARTNERTYPE, model.STATUS, model.KILDETYPE):
        ids |= {key for key, label in vocab.items() if key not in label.lower()}
    fields = {name for name in help_texts(Kommunecase) for name in re.split(r"[.\[\]]+", name) if name}
    titles: dict[str, str] = {}
    for key, title in FIELD_TITLES.items():
        titles[key.split(".")[-1]] = titles.get(key.split(".")[-1], "") + " " + title.lower()
    ids |= {f for f in fields if "_" in f or f not in titles.get(f, "")}
    return ids


def test_every_field_of_a_case_has_a_help_text_for_people_in_both_languages(cat):
    assert missing_help(Kommunecase) == [], "felt uten hjelpetekst i skjemaet (macros/site/formhelp.py)"
    ids = raw_ids(cat)
    assert {"naeringsliv", "fokusomrade", "egen-utvikling", "fullfort"} <= ids
    for path, text in help_texts(Kommunecase).items():
        for lang in ("nb", "nn"):
            assert text[lang].strip(), (path, lang)
            for pattern in FORBIDDEN:
                assert not re.search(pattern, text[lang]), (path, lang, pattern, text[lang])
            words = set(re.findall(r"[\w-]+", text[lang]))
            assert not words & ids, (path, lang, sorted(words & ids))


def test_the_form_gets_the_help_texts_and_every_choice_has_a_title(cat):
    rules = rules_json(cat)
    assert rules["hjelp"]["deltakelse[].dato"]["nb"] == "Skriv datoen som dd.mm.åååå, f.eks. 15.01.2025."

    def enums(node):
        if isinstance(node, dict):
            if isinstance(node.get("enum"), list) and "x-regel" not in node:
                yield node
            for value in node.values():
                yield from enums(value)
        elif isinstance(node, list):
            for value in node:
                yield from enums(value)
    found = list(enums(rules["skjema"]))
    assert len(found) >= 6
    for node in found:
        assert len(node.get("enumDescriptions", [])) == len(node["enum"]), node["enum"]


def test_the_editors_address_is_never_invented(cat):
    """The committed data/redaksjon.yml names no address: the publisher fills it in."""
    assert cat.ds.redaksjon is not None and cat.ds.redaksjon.epost is None and cat.ds.redaksjon.skjema is None
    assert rules_json(cat)["redaksjon"] is None
