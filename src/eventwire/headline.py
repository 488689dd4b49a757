"""Headlines as the parser should read them.

A headline is coded for the document label (``eventwire.label``), but headline English is not the English spaCy's
small pipeline was trained on, and two of its habits hide the verb that says what the story is about:

* title case ("Militants Attack Istanbul Village"): spaCy tags capitalised verbs as proper nouns.
  ``parseable_headline`` puts such a headline in sentence case before the first parse;
* the historic present and the bare participle ("Chile Denounces Actions by Peru", "Dozens march in downtown
  demonstration", "Four killed in air strike"): with no auxiliary and no past-tense form, the tagger reads
  "denounces" and "march" as plural nouns and "killed" as a noun's modifier, and the headline parses as one long
  noun phrase with no clause. ``finite_headline`` looks at that first parse and, when it found no finite verb,
  writes the headline as the sentence it abbreviates ("Chile denounced actions by Peru", "Dozens marched in
  downtown demonstration", "Four were killed in air strike") for a second parse. Only a word the event lexicon
  knows as a verb is rewritten, and ``lemmas`` says which lemma the rewritten word stands for, so the second
  parse's lemma is the trigger's whatever the spelling of the past tense.

Both rewrites change the text the parser sees, never the article: headline events are not emitted, only voted.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .lexicon import IRREGULAR

_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# tags of a verb that makes a clause on its own (a bare "VB" only as the head of one: "Iran to sign deal")
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# tags of the word a headline's subject ends with
SUBJECT_END_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "CD", "PRP"})
PLURAL_TAGS = frozenset({"NNS", "NNPS", "CD"})
PHRASE_DEPS = frozenset({"prep", "pobj", "agent"})


def parseable_headline(title: str | None, lower: Collection[str]) -> str:
    """The headline as the parser should read it: a title-case headline ("Militants Attack Istanbul Village")
    in sentence case ("Militants attack Istanbul Village"), else unchanged.

    A headline is in title case when at least 60% of its words of four letters or more after the first are
    capitalised (and there are two or more). Then every capitalised word after the first whose lower-case form is
    in ``lower`` (the pipeline passes stop words, the lexicon's trigger forms and other words, and role nouns) is
    lower-cased; names keep their capitals and acronyms ("U.S.", "NATO") are never touched. spaCy tags title-case
    verbs as proper nouns, so without this a headline's verb is rarely found.
    """
    title = " ".join((title or "").split())
    words = list(_TITLE_WORD.finditer(title))
    long = [m.group() for m in words[1:] if len(m.group()) >= 4]
    if len(long) < 2 or sum(w[0].isupper() for w in long) < 0.6 * len(long):
        return title
    out = []
    last = 0
    for m in words[1:]:
        word = m.group()
        if word[0].isupper() and word[1:] == word[1:].lower() and word.lower() in lower:
            out.append(title[last : m.start()] + word.lower())
            last = m.end()
    return "".join(out) + title[last:]


@dataclass(frozen=True, slots=True)
class Rewrite:
    """A headline written as a clause: its ``text``, and the lemma of each rewritten verb by the character
    offset of the verb in ``text``."""

    text: str
    lemmas: Mapping[int, str] = field(default_factory=dict)


def present_forms(verbs: Collection[str]) -> dict[str, str]:
    """Each verb's present-tense forms ("sign", "signs"; "rally", "rallies"; "push", "pushes") → its lemma."""
    forms: dict[str, str] = {}
    for lemma in verbs:
        forms.setdefault(lemma, lemma)
        forms.setdefault(lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s"), lemma)
        if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
            forms.setdefault(lemma[:-1] + "ies", lemma)
    return forms


def past_tense(lemma: str) -> str:
    """The simple past of a verb, for the parser's eyes: irregular verbs from the lexicon's table ("withdraw" →
    "withdrew"), else the regular spelling rules ("decry" → "decried", "ban" → "banned", "sign" → "signed")."""
    irregular = sorted(f for f in IRREGULAR.get(lemma, ()) if f not in (lemma + "s", "has"))
    if irregular:
        past = [f for f in irregular if not f.endswith("n")] or [lemma]  # "withdrew", not "withdrawn"
        return min(past, key=len)
    if lemma.endswith("e"):
        return lemma + "d"
    if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    if len(lemma) <= 4 and re.fullmatch(r"[^aeiou]*[aeiou][bdgklmnprt]", lemma):
        return lemma + lemma[-1] + "ed"  # one syllable closed by one consonant: "banned", "stopped"
    return lemma + "ed"


def finite_headline(doc: Doc, verbs: Mapping[str, str]) -> Rewrite | None:
    """The headline ``doc`` (its first parse) as the clause it abbreviates, or None when the parse already has a
    finite verb or nothing can be rewritten. ``verbs``: present-tense forms of the lexicon's verbs → lemma
    (``present_forms``).

    * A historic present read as a noun: the first word after the subject's last word (a noun, name, number or
      pronoun), outside any prepositional phrase, that is a present form of a lexicon verb becomes its past
      tense ("Chile denounces actions" → "Chile denounced actions"; not "activist on hunger strike").
    * A bare participle: a past participle right after such a word gets its auxiliary ("Four killed in air
      strike" → "Four were killed in air strike"; "was" after a singular).
    """
    if not len(doc) or any(_finite(t) for t in doc):
        return None
    text = doc.text
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if before.tag_ not in SUBJECT_END_TAGS or any(a.dep_ in PHRASE_DEPS for a in (tok, *tok.ancestors)):
            continue  # "Jailed activist on hunger strike": a noun inside a prepositional phrase is no verb
        lemma = verbs.get(tok.lower_)
        if lemma is not None and tok.tag_ != "VBN":
            past = past_tense(lemma)
            return Rewrite(text[: tok.idx] + past + text[tok.idx + len(tok) :], {tok.idx: lemma})
        if tok.tag_ == "VBN" and tok.dep_ in ("acl", "ROOT", "amod"):
            aux = "were" if before.tag_ in PLURAL_TAGS and before.lower_ != "one" else "was"
            at = tok.idx + len(aux) + 1
            return Rewrite(text[: tok.idx] + aux + " " + text[tok.idx :], {at: tok.lemma_})
    return None


def _finite(tok: Token) -> bool:
    return tok.tag_ in FINITE_TAGS or (tok.tag_ == "VB" and tok.dep_ in ("ROOT", "xcomp", "ccomp", "conj", "advcl"))


def set_lemmas(doc: Doc, lemmas: Mapping[int, str]) -> Doc:
    """Give the tokens of the rewritten verbs (by character offset) the lemma they stand for."""
    for tok in doc:
        if tok.idx in lemmas:
            tok.lemma_ = lemmas[tok.idx]
    return doc
