"""Numbers attached to an event: "involving at least 34 drones", "killing 12 people", "dozens of".

Scope: the trigger's clause — the trigger (or the verb that carries an eventive noun, "launched an
attack") and everything below it, including participle clauses ("..., involving at least 34 drones",
"..., killing 12") and a relative clause on the trigger ("an attack that killed 12"), but not a clause
with its own subject ("since the war began"), a reported clause, or a parenthetical.

Not quantities: dates, times, percentages, ordinals, numbers inside names ("G7", "Air Force One"),
ages ("a 34-year-old man", "aged 34"), and money unless the trigger is aid-like (``units.yaml``
``money_triggers``) or the caller asks with ``include_money=True``. The unit scheme and the value of
vague words ("dozens" → 24, "at least") are documented in ``eventwire/data/units.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from ..datafile import active_data
from ..errors import DataFileError
from ..model import Quantity
from ._data import load_yaml
from .status import is_parsed, lemma

UNITS_FILE = "units.yaml"
_EXCLUDED_ENTS = {
    "DATE",
    "TIME",
    "PERCENT",
    "ORDINAL",
    "PERSON",
    "ORG",
    "GPE",
    "FAC",
    "LAW",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "NORP",
    "LOC",
    "LANGUAGE",
}
_CLAUSE_DEPS = {"ccomp", "parataxis", "csubj"}
# the most words one number is written in ("one hundred and twenty-two thousand three hundred" is 7): a longer run
# of number-like tokens (a table row, a flood of numeric entities) is read as numbers of this many words at most,
# so a run of n such tokens costs n, not n squared
MAX_NUMBER_WORDS = 12
_NUM_RE = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[+-]?\d+(?:\.\d+)?$")


@dataclass(frozen=True, slots=True)
class UnitCues:
    number_words: dict[str, float]
    multipliers: dict[str, float]
    vague: dict[str, float]
    qualifiers: dict[str, str]
    outcome_verbs: dict[str, str]
    outcome_words: dict[str, str]
    money_triggers: frozenset[str]
    currencies: dict[str, str]


def load_unit_cues() -> UnitCues:
    """``eventwire/data/units.yaml`` with the user's ``*units*.yaml`` files among the active ``--data`` paths
    (``eventwire.datafile.data_scope``), loaded once per set of paths."""
    return _unit_cues(*active_data())


@lru_cache(maxsize=8)
def _unit_cues(extra: tuple[str, ...], builtin: bool) -> UnitCues:
    table = load_yaml(UNITS_FILE, extra, builtin)
    try:
        return UnitCues(
            number_words={str(k).lower(): float(v) for k, v in table["number_words"].items()},
            multipliers={str(k).lower(): float(v) for k, v in table["multipliers"].items()},
            vague={str(k).lower(): float(v) for k, v in table["vague"].items()},
            qualifiers={str(k).lower(): str(v) for k, v in table["qualifiers"].items()},
            outcome_verbs={str(k).lower(): str(v) for k, v in table["outcome_verbs"].items()},
            outcome_words={str(k).lower(): str(v) for k, v in table["outcome_words"].items()},
            money_triggers=frozenset(str(v).lower() for v in table["money_triggers"]),
            currencies={str(k).lower(): str(v) for k, v in table["currencies"].items()},
        )
    except (AttributeError, TypeError, ValueError) as exc:
        raise DataFileError(f"bad entry: {exc}", source=UNITS_FILE) from exc


def parse_number(words: list[str]) -> float | None:
    """The value of a number written in digits and/or words ("1,200", "1.5 million", "twenty-two")."""
    cues = load_unit_cues()
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        word = raw.lower().replace("\u2009", "")
        if word in ("and", "a", "an", "-"):
            if word in ("a", "an") and not seen:
                current, seen = 1.0, True
            continue
        if _NUM_RE.match(word):
            current += float(word.replace(",", "").lstrip("+"))
            seen = True
        elif "-" in word and all(p in cues.number_words for p in word.split("-")):
            current += sum(cues.number_words[p] for p in word.split("-"))
            seen = True
        elif word == "dozen":
            current = (current or 1.0) * 12  # "a dozen", "two dozen"
            seen = True
        elif word in cues.number_words:
            current += cues.number_words[word]
            seen = True
        elif word in cues.multipliers and seen:
            mult = cues.multipliers[word]
            if mult >= 1000:
                total += (current or 1.0) * mult
                current = 0.0
            else:
                current = (current or 1.0) * mult
        else:
            return None
    return total + current if seen else None


def _in_clause(tok: Token, top: Token, trigger: Token, memo: dict[int, bool] | None = None) -> bool:
    """True when ``tok`` belongs to the clause headed by ``top`` (see the module docstring). ``memo`` keeps the
    answer for every token on the way up (it depends on the token alone once ``top`` and ``trigger`` are fixed),
    so a sentence costs one walk per token, not one per token and ancestor."""
    node = tok
    path: list[int] = []
    result = True
    while node != top:
        if memo is not None and node.i in memo:
            result = memo[node.i]
            break
        if node.head == node or node.dep_ in _CLAUSE_DEPS:
            result = False
            break
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in node.children)
        own_clause = node.dep_ in ("advcl", "relcl", "acl", "conj") and has_subject
        if own_clause and not (node.dep_ in ("relcl", "acl") and node.head == trigger):
            result = False
            break
        if node.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children):
            result = False
            break
        path.append(node.i)
        node = node.head
    if memo is not None:
        memo.update(dict.fromkeys(path, result))
    return result


def _clause_top(trigger: Token) -> Token:
    from .time import _clause_head

    return _clause_head(trigger)


def _plural(tok: Token) -> str:
    if tok.tag_ in ("NNS", "NNPS") or tok.lower_ in ("people", "police", "troops", "personnel"):
        return tok.lower_
    lem = lemma(tok)
    if lem == "person":
        return "people"
    if lem.endswith(("s", "x", "ch", "sh")):
        return lem + "es"
    if lem.endswith("y") and len(lem) > 1 and lem[-2] not in "aeiou":
        return lem[:-1] + "ies"
    return lem + "s"


def _outcome(number: Token, noun: Token | None) -> str | None:
    cues = load_unit_cues()
    carrier = noun or number
    if carrier.lower_ in cues.outcome_words:
        return cues.outcome_words[carrier.lower_]
    for child in carrier.children:
        if child.dep_ in ("amod", "acl", "appos", "relcl") and (
            child.lower_ in cues.outcome_words or lemma(child) in cues.outcome_verbs
        ):
            return cues.outcome_words.get(child.lower_) or cues.outcome_verbs[lemma(child)]
    node = carrier
    for _ in range(2):  # "killing 12 people", "12 people were killed", "leaving 5 dead"
        head = node.head
        if node.dep_ in ("dobj", "nsubjpass", "nsubj", "pobj") and head != node:
            if (
                head.pos_ in ("VERB", "AUX")
                and lemma(head) in cues.outcome_verbs
                and (node.dep_ != "nsubj" or lemma(head) in ("die", "disappear"))
            ):
                return cues.outcome_verbs[lemma(head)]
            for sib in head.children:
                if sib.dep_ in ("oprd", "acomp", "xcomp") and sib.lower_ in cues.outcome_words:
                    return cues.outcome_words[sib.lower_]
        if node.dep_ == "pobj":
            node = head
            continue
        break
    return None


def _qualifier(start: int, sent: Span) -> tuple[str | None, int]:
    """The qualifier phrase ending just before token ``start`` and the index it begins at."""
    cues = load_unit_cues()
    doc = sent.doc
    for width in (3, 2, 1):
        lo = start - width
        if lo < sent.start:
            continue
        phrase = " ".join(t.lower_ for t in doc[lo:start])
        if phrase in cues.qualifiers:
            return cues.qualifiers[phrase], lo
    return None, start


def _is_age(tokens: list[Token]) -> bool:
    doc = tokens[0].doc
    after = doc[tokens[-1].i + 1 : tokens[-1].i + 4].text.lower()
    before = doc[max(0, tokens[0].i - 1) : tokens[0].i].text.lower()
    return bool(re.match(r"^[-\s]*(?:year|yr)s?[-\s]*old", after)) or before in ("aged", "age")


def _money(span: Span) -> tuple[float, str] | None:
    cues = load_unit_cues()
    words = [t.text for t in span]
    currency = None
    numbers: list[str] = []
    for word in words:
        low = word.lower()
        if low in cues.currencies:
            currency = cues.currencies[low]
        elif low[:1] in cues.currencies and _NUM_RE.match(low[1:] or "x"):
            currency = cues.currencies[low[:1]]
            numbers.append(low[1:])
        elif low not in (
            "about",
            "some",
            "nearly",
            "over",
            "more",
            "than",
            "at",
            "least",
            "up",
            "to",
            "us",
            "in",
        ):
            numbers.append(word)
    value = parse_number(numbers)
    if value is None or currency is None:
        return None
    return value, currency


def event_quantities(trigger: Token, *, include_money: bool | None = None) -> list[Quantity]:
    """Numbers attached to the event of ``trigger``, in text order.

    Each Quantity has ``value`` (float), ``unit`` (counted noun plural, outcome word such as
    "killed", or a currency code), ``qualifier`` ("at least", "more than", "about", "up to",
    "almost", "less than" or None) and the text span it came from. ``include_money`` None decides by
    the trigger (aid-like lemmas in ``units.yaml``).
    """
    if not is_parsed(trigger):
        return []
    cues = load_unit_cues()
    top = _clause_top(trigger)
    sent = trigger.sent
    if include_money is None:
        include_money = lemma(trigger) in cues.money_triggers or lemma(top) in cues.money_triggers
    results: list[Quantity] = []
    used: set[int] = set()
    doc = trigger.doc
    memo: dict[int, bool] = {}
    for tok in sent:
        if tok.i in used or not _in_clause(tok, top, trigger, memo):
            continue
        if tok.ent_type_ == "MONEY":
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            if ent is None:
                continue
            used.update(range(ent.start, ent.end))
            if include_money:
                money = _money(ent)
                if money is not None:
                    qualifier, q_start = _qualifier(ent.start, sent)
                    span = doc[q_start : ent.end]
                    results.append(
                        Quantity(
                            value=money[0],
                            unit=money[1],
                            qualifier=qualifier,
                            text=span.text,
                            start=span.start_char,
                            end=span.end_char,
                        )
                    )
            continue
        if tok.ent_type_ in _EXCLUDED_ENTS:
            continue
        low = tok.lower_
        is_vague = low in cues.vague and tok.pos_ in ("NOUN", "ADJ", "NUM", "DET")
        if not (tok.like_num or tok.pos_ == "NUM" or is_vague):
            continue
        if (
            tok.like_num
            and not _NUM_RE.match(low)
            and low not in cues.number_words
            and "-" not in low
            and low not in cues.multipliers
        ):
            continue
        # gather the whole number: "1.5 million", "tens of thousands"
        group = [tok]
        j = tok.i + 1
        while (
            j < sent.end
            and j - tok.i < MAX_NUMBER_WORDS
            and (doc[j].like_num or doc[j].lower_ in cues.multipliers)
            and doc[j].ent_type_ not in _EXCLUDED_ENTS
        ):
            group.append(doc[j])
            j += 1
        if (
            group[-1].lower_ == "one"
            and len(group) == 1
            and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
        ):
            continue  # "one of the largest"
        if _is_age(group):
            used.update(t.i for t in group)
            continue
        head_num = group[-1]
        if is_vague:
            value = cues.vague[low]
            nxt = doc[tok.i + 1 : tok.i + 3]
            if len(nxt) == 2 and nxt[0].lower_ == "of" and nxt[1].lower_.rstrip("s") in cues.multipliers:
                value *= cues.multipliers[nxt[1].lower_.rstrip("s")]  # "tens of thousands"
                group = [tok, *nxt]
                j = nxt[1].i + 1
            qualifier: str | None = "at least"
            q_start = (
                tok.i - 1
                if tok.i > sent.start and doc[tok.i - 1].lower_ in ("a", "several") and low == "few"
                else tok.i
            )
        else:
            parsed = parse_number([t.text for t in group])
            if parsed is None:
                continue
            value = parsed
            qualifier, q_start = _qualifier(tok.i, sent)
            if q_start > sent.start and doc[q_start - 1].lower_ == "a" and low == "dozen":
                q_start -= 1
        used.update(t.i for t in group)
        noun: Token | None = None
        for cand in group:
            if (
                cand.dep_ == "nummod"
                and cand.head.pos_ in ("NOUN", "PROPN")
                and cand.head.i not in range(tok.i, j)
            ):
                noun = cand.head
                break
        if noun is None and (is_vague or head_num.pos_ in ("NUM", "NOUN")):
            for child in head_num.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    objs = [g for g in child.children if g.dep_ == "pobj"]
                    if (
                        objs
                        and objs[0].pos_ in ("NOUN", "PROPN")
                        and objs[0].ent_type_ not in ("DATE", "TIME")
                    ):
                        noun = objs[0]
        if noun is not None and noun.ent_type_ in ("DATE", "TIME"):
            continue
        if noun is not None and lemma(noun) in ("year", "day", "week", "month", "hour", "minute", "percent"):
            continue
        unit = _outcome(head_num, noun) or (_plural(noun) if noun is not None else None)
        end_tok = noun.i if noun is not None and noun.i >= j else j - 1
        span = doc[q_start : end_tok + 1]
        results.append(
            Quantity(
                value=float(value),
                unit=unit,
                qualifier=qualifier,
                text=span.text,
                start=span.start_char,
                end=span.end_char,
            )
        )
    return results


__all__ = ["event_quantities", "parse_number", "load_unit_cues"]
