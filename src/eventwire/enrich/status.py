"""Event status: asserted, intended, hypothetical, negated or denied.

The rule: walk up from the trigger through the chain of governors that take it as a complement
(``xcomp``, ``ccomp``, ``pcomp`` via a preposition, ``acl`` of a noun, ``conj`` sharing its subject,
and from an eventive noun to the support verb that carries it, "held a call", "launched an attack").
Every cue met on the way is collected (auxiliaries, negation, subordinators, governor lemmas,
modifiers of a trigger noun); the strongest wins: denied > negated > hypothetical > intended >
asserted. So "Biden plans to urge Trump" (urge ← plans) is intended, "did not plan to attack" is
negated, "Russia denied it planned to attack" is denied. The cue words live in
``eventwire/data/status_cues.yaml``.

Special cases the data cannot say alone:
- "would" under a speech verb ("said it would attack") is future-in-the-past (intended); elsewhere
  hypothetical. A warning or threat whose that-clause tells the speaker's own future act ("Iran warned it would
  retaliate") is intended: the announced act is the speaker's threat, not a guess (``intended.announcers``).
- A negated speech verb ("did not say that Russia attacked") does not negate what it reports, and a
  negated denial ("did not deny attacking") is no denial.
- ``inherent_negation=True`` (the lexicon entry already means a negative act, e.g. CAMEO 011 "did not
  respond to a request for comment", "declined to comment") ignores negation on the trigger and its
  first governor; the act is asserted unless other cues say otherwise ("will decline to comment").
- A direct question ("Will Russia attack Kyiv?", "What charges does Assange face?") makes its main clause
  hypothetical, the noun arguments of its verb included.
- An act played in an exercise ("attacked mock targets during the war games": ``hypothetical.settings``, the
  object of "during"/"in" on the trigger or a governor) is hypothetical, as is a simulated one ("simulated
  strikes": ``simulate`` is a hypothetical governor) and a likely one ("is likely to deploy").
- Unparsed sentences (no dependency labels) fall back to the four words before the trigger.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..datafile import active_data
from ._data import load_yaml, word_set

CUES_FILE = "status_cues.yaml"
PRIORITY = {"denied": 4, "negated": 3, "hypothetical": 2, "intended": 1}
_NOUN_TO_VERB = {"dobj", "nsubjpass", "nsubj", "attr", "oprd"}


@dataclass(frozen=True, slots=True)
class StatusCues:
    """The cue lists of status_cues.yaml, as sets of lower-case lemmas or word forms."""

    intended_aux: frozenset[str]
    intended_governors: frozenset[str]
    intended_modifiers: frozenset[str]
    intended_nouns: frozenset[str]
    announcers: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_marks: frozenset[str]
    hypothetical_governors: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    hypothetical_nouns: frozenset[str]
    hypothetical_settings: frozenset[str]
    neg: frozenset[str]
    neg_determiners: frozenset[str]
    negating_governors: frozenset[str]
    denying_governors: frozenset[str]
    report_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    support_verbs: frozenset[str]


def load_status_cues() -> StatusCues:
    """The cue lists of ``eventwire/data/status_cues.yaml`` and of the user's ``*status_cues*.yaml`` files among
    the active ``--data`` paths (``eventwire.datafile.data_scope``), loaded once per set of paths."""
    return _status_cues(*active_data())


@lru_cache(maxsize=8)
def _status_cues(extra: tuple[str, ...], builtin: bool) -> StatusCues:
    table = load_yaml(CUES_FILE, extra, builtin)

    def ws(*keys: str) -> frozenset[str]:
        return word_set(table, *keys, source=CUES_FILE)

    return StatusCues(
        intended_aux=ws("intended", "aux"),
        intended_governors=ws("intended", "governors"),
        intended_modifiers=ws("intended", "modifiers"),
        intended_nouns=ws("intended", "nouns"),
        announcers=ws("intended", "announcers"),
        hypothetical_aux=ws("hypothetical", "aux"),
        hypothetical_marks=ws("hypothetical", "marks"),
        hypothetical_governors=ws("hypothetical", "governors"),
        hypothetical_modifiers=ws("hypothetical", "modifiers"),
        hypothetical_nouns=ws("hypothetical", "nouns"),
        hypothetical_settings=ws("hypothetical", "settings"),
        neg=ws("negated", "neg"),
        neg_determiners=ws("negated", "determiners"),
        negating_governors=ws("negated", "governors"),
        denying_governors=ws("denied", "governors"),
        report_nouns=ws("denied", "report_nouns"),
        speech_verbs=ws("speech_verbs"),
        support_verbs=ws("support_verbs"),
    )


def lemma(tok: Token) -> str:
    """The lower-case lemma, or the lower-case form when the token has no lemma (unparsed)."""
    return (tok.lemma_ or tok.text).lower()


def lemma_in(tok: Token, entries: frozenset[str]) -> bool:
    """True when the token's lemma, or "lemma particle" for a phrasal verb, is among ``entries``."""
    lem = lemma(tok)
    if lem in entries or tok.lower_ in entries:
        return True
    return any(c.dep_ == "prt" and f"{lem} {c.lower_}" in entries for c in tok.children)


def is_parsed(tok: Token) -> bool:
    """True when the token's sentence went through the parser (unparsed tokens have no dep label)."""
    return bool(tok.dep_) and bool(tok.pos_)


def _neg_cue(tok: Token, cues: StatusCues) -> Token | None:
    for child in tok.children:
        if child.dep_ == "neg" or (child.dep_ in ("preconj", "advmod") and child.lower_ in cues.neg):
            return child
    return None


def _aux(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("aux", "auxpass")]


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in tok.children)


def governor(tok: Token, cues: StatusCues) -> tuple[Token | None, str]:
    """The next governor on the status chain above ``tok`` and the relation climbed, or (None, "")."""
    dep = tok.dep_
    head = tok.head
    if head == tok or dep in ("ROOT", ""):
        return None, ""
    if tok.pos_ in ("NOUN", "PROPN"):
        if dep in _NOUN_TO_VERB and (
            lemma_in(head, cues.support_verbs)
            or lemma_in(head, cues.denying_governors)
            or lemma_in(head, cues.negating_governors)
            or lemma_in(head, cues.intended_governors)
            or lemma_in(head, cues.hypothetical_governors)
        ):
            return head, "noun"
        if dep == "pobj" and head.dep_ == "prep" and head.head != head:
            verb = head.head
            if lemma_in(verb, cues.negating_governors) or lemma_in(verb, cues.denying_governors):
                return verb, "noun"
        return None, ""
    if dep == "pcomp" and head.dep_ == "prep" and head.head != head:
        return head.head, "pcomp"
    if dep == "conj":
        if _has_subject(tok) or any(c.dep_ == "cc" and c.lower_ == "but" for c in head.children):
            return None, ""
        return head, "conj"
    if dep in ("xcomp", "ccomp", "acl"):
        return head, dep
    return None, ""


@dataclass(slots=True)
class _Found:
    status: str
    cue: str
    level: int


def _cue_text(*toks: Token | None) -> str:
    parts = sorted((t for t in toks if t is not None), key=lambda t: t.i)
    if not parts:
        return ""
    doc = parts[0].doc
    if parts[-1].i - parts[0].i <= 2:
        return doc[parts[0].i : parts[-1].i + 1].text
    return " ".join(t.text for t in parts)


def _own_cues(
    tok: Token,
    level: int,
    cues: StatusCues,
    above: Token | None,
    rel_above: str,
    inherent: bool,
    found: list[_Found],
) -> None:
    """Cues carried by the token itself: negation, auxiliaries, subordinators, noun modifiers."""
    speech_above = rel_above == "ccomp" and above is not None and lemma_in(above, cues.speech_verbs)
    is_speech = level > 0 and lemma_in(tok, cues.speech_verbs)
    # a negated denial or refusal ("did not deny attacking") cancels out: it is not a negation
    is_negative_governor = level > 0 and (
        lemma_in(tok, cues.denying_governors) or lemma_in(tok, cues.negating_governors)
    )
    neg = _neg_cue(tok, cues)
    if neg is not None and not (is_speech or is_negative_governor) and not (inherent and level <= 1):
        aux = [a for a in _aux(tok) if a.i < neg.i]
        found.append(_Found("negated", _cue_text(aux[-1] if aux else None, neg), level))
    for aux in _aux(tok):
        word = aux.lower_
        if word in cues.intended_aux or word == "would" and speech_above:
            found.append(_Found("intended", aux.text, level))
        elif word in cues.hypothetical_aux:
            found.append(_Found("hypothetical", aux.text, level))
    for child in tok.children:
        if child.dep_ == "mark" and child.lower_ in cues.hypothetical_marks:
            found.append(_Found("hypothetical", child.text, level))
        setting = _setting(child, cues)
        if setting is not None:
            found.append(_Found("hypothetical", child.text + " " + setting.text, level))
        if tok.pos_ in ("NOUN", "PROPN"):
            if child.dep_ == "det" and child.lower_ in cues.neg_determiners and not inherent:
                found.append(_Found("negated", child.text, level))
            elif child.dep_ in ("amod", "compound", "nmod"):
                if child.lower_ in cues.intended_modifiers:
                    found.append(_Found("intended", child.text, level))
                elif child.lower_ in cues.hypothetical_modifiers:
                    found.append(_Found("hypothetical", child.text, level))
    # "is to visit", "is going to visit", "has yet to respond" (tok is the complement)
    if tok.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        head = tok.head
        if lemma(head) == "be" and head.pos_ in ("AUX", "VERB"):
            found.append(_Found("intended", head.text + " to", level))
        elif lemma(head) == "have" and any(c.lower_ == "yet" for c in head.children) and not inherent:
            found.append(_Found("negated", "yet to", level))


def _setting(prep: Token, cues: StatusCues) -> Token | None:
    """The exercise an act is played in ("simulated strikes during the war games", "stormed a mock town in the
    drill"): the object of "during" or "in" whose lemma, alone or with its modifier, is a setting."""
    if prep.dep_ != "prep" or prep.lower_ not in ("during", "in"):
        return None
    for obj in (c for c in prep.children if c.dep_ == "pobj"):
        names = {lemma(obj)} | {f"{lemma(m)} {lemma(obj)}" for m in obj.children if m.dep_ in ("compound", "amod")}
        if names & cues.hypothetical_settings:
            return obj
    return None


def _main_clause(tok: Token) -> bool:
    """Whether ``tok`` stands in its sentence's main clause: its heads up to the root are no clause of their own
    ("What charges does Assange face?": the charges are the question's; "Why, she asked, did they say it?")."""
    for _ in range(12):
        if tok.dep_ == "ROOT" or tok.head is tok:
            return True
        if tok.dep_ in ("ccomp", "advcl", "relcl", "acl", "parataxis", "csubj"):
            return False
        tok = tok.head
    return False


def _governor_cues(
    gov: Token, rel: str, level: int, cues: StatusCues, inherent: bool, found: list[_Found]
) -> bool:
    """Cues carried by a governor's lemma; returns False when the chain should stop here."""
    negated = _neg_cue(gov, cues) is not None
    if rel in ("xcomp", "ccomp", "pcomp", "noun", "acl"):
        if lemma_in(gov, cues.denying_governors) and rel != "acl":
            if rel == "noun" and gov.lemma_.lower() in ("reject", "dismiss"):
                pass  # "rejected talks" is a rejection, not a denial that talks happened
            elif not negated:
                found.append(_Found("denied", gov.text, level))
                return True
        if lemma_in(gov, cues.negating_governors) and not (inherent and level <= 1):
            if not negated:
                found.append(_Found("negated", gov.text, level))
            return True
        if lemma_in(gov, cues.hypothetical_governors) and rel != "conj":
            found.append(_Found("hypothetical", gov.text, level))
        elif (lemma_in(gov, cues.intended_governors) or gov.lower_ == "going") and rel != "conj":
            found.append(_Found("intended", gov.text, level))
    if gov.pos_ in ("NOUN", "PROPN") and rel in ("acl", "ccomp", "xcomp"):
        lem = lemma(gov)
        if lem in cues.report_nouns and gov.dep_ in ("dobj", "pobj", "nsubjpass"):
            verb = gov.head if gov.dep_ != "pobj" else gov.head.head
            if lemma_in(verb, cues.denying_governors) and _neg_cue(verb, cues) is None:
                found.append(_Found("denied", _cue_text(verb) + " " + gov.text, level))
        elif lem in cues.intended_nouns:
            found.append(_Found("intended", gov.text, level))
        elif lem in cues.hypothetical_nouns:
            found.append(_Found("hypothetical", gov.text, level))
    return True


def _announces_own_act(gov: Token, clause: Token, cues: StatusCues) -> bool:
    """Whether ``clause`` (the that-clause of a warning or threat) tells the speaker's own future act: its
    subject is a pronoun or the speaker's noun again, and its verb takes will/would ("Iran warned it would
    retaliate", "the army threatened that troops will move in" is not: the troops are someone else)."""
    if not lemma_in(gov, cues.announcers) or not any(a.lower_ in ("will", "would", "'ll", "’ll") for a in _aux(clause)):
        return False
    speaker = next((c for c in gov.children if c.dep_ == "nsubj"), None)
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if speaker is None or subject is None:
        return False
    return subject.lower_ in ("it", "they", "we", "he", "she", "i") or lemma(subject) == lemma(speaker)


def _surface_status(trigger: Token, cues: StatusCues, inherent: bool) -> tuple[str, str | None]:
    """Fallback for unparsed sentences: the four words before the trigger."""
    doc = trigger.doc
    window = doc[max(0, trigger.i - 4) : trigger.i]
    best: _Found | None = None
    for tok in window:
        word = tok.lower_
        status = None
        if word in cues.neg and not inherent:
            status = "negated"
        elif word in cues.denying_governors or word.rstrip("sd") in cues.denying_governors:
            status = "denied"
        elif word in cues.hypothetical_aux or word in cues.hypothetical_marks:
            status = "hypothetical"
        elif word in cues.intended_aux or word in cues.intended_governors:
            status = "intended"
        if status and (best is None or PRIORITY[status] > PRIORITY[best.status]):
            best = _Found(status, tok.text, 0)
    return (best.status, best.cue) if best else ("asserted", None)


def event_status(trigger: Token, *, inherent_negation: bool = False) -> tuple[str, str | None]:
    """The status of the event whose trigger is ``trigger`` and the cue text that decided it.

    Returns ``(status, cue)`` with status one of asserted | intended | hypothetical | negated | denied
    and cue the words that decided it ("plans", "did not", "denied", "could"), or None for asserted.
    ``inherent_negation`` says the lexicon entry already contains the negation ("did not respond to a
    request for comment" is CAMEO 011, asserted).
    """
    cues = load_status_cues()
    if not is_parsed(trigger):
        return _surface_status(trigger, cues, inherent_negation)
    found: list[_Found] = []
    tok: Token = trigger
    level = 0
    seen = {tok.i}
    while True:
        gov, rel = governor(tok, cues)
        _own_cues(tok, level, cues, gov, rel, inherent_negation, found)
        if gov is None or gov.i in seen:
            break
        seen.add(gov.i)
        level += 1
        if rel == "ccomp" and _announces_own_act(gov, tok, cues):
            found.append(_Found("intended", gov.text, level))  # "warned it would retaliate": a threat, not a guess
        elif not _governor_cues(gov, rel, level, cues, inherent_negation, found):
            break
        if rel == "noun":
            level -= 1  # the support verb belongs to the noun's own level ("held a call")
        tok = gov
    sent = trigger.sent
    if _main_clause(tok) and sent.text.rstrip().rstrip("\"”’'").endswith("?"):
        found.append(_Found("hypothetical", "?", level))
    if not found:
        return "asserted", None
    best = max(found, key=lambda f: (PRIORITY[f.status], -f.level))
    return best.status, best.cue


__all__ = ["event_status", "load_status_cues", "StatusCues", "lemma", "lemma_in", "is_parsed", "governor"]
