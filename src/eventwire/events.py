"""Events: predicates with their arguments, coded by the lexicon into CAMEO and PLOVER.

For every fully analysed sentence, each token whose lemma is a lexicon trigger is tried against that lemma's
entries (``lexicon.py`` documents the schema). An entry fires when its requirements hold (a particle, a light
verb for an eventive noun, a preposition, an object or complement lemma, a negation); its source and target are
read from the argument roles it lists, and resolved to coded actors by the actor index. Coordinated arguments
("Russia and China signed", "France, Germany and Britain") give one event per actor; an eventive noun whose own
roles name no source takes its agent phrase ("strikes by the US and UK on Houthi targets", "sanctions imposed by
the EU on Iran": ``+source:noun-agent``); a reciprocal object ("accused each other") makes coordinated parties
each other's targets in both directions (``+rule:reciprocal``), and so does a symmetric act of conflict
("exchanged fire"), while a symmetric act of cooperation ("met") pairs each two parties once. Parties named beside
a phrase are parties too: who acts "along with" a subject, the members a phrase names with "including" ("rights
groups, including the ACLU"), each country of a hyphenated modifier ("a joint Kenya-U.S. base"); the noun a past
participle modifies is what was done to it ("Somali forces backed by Djiboutian soldiers": DJI → SOM). Each event names the entry that made it, and every rule
below that changed it appends its name to ``Event.extractor`` ("+target:predicate", "+rule:protesters" ...).

When the roles give no target, three fallbacks are tried in order: the content of a promise, threat, demand or
refusal ("threatened to break relations with Russia": ``+target:content``), the first actor named in the
predicate's own arguments (PETRARCH's rule: ``+target:predicate``), and after enrichment the country of the
event's place (``+target:place``). Acts of protesters and of unnamed attackers ("Gunmen killed 20 villagers")
need no coded actor: the place gives them one, and without a place the unnamed-party event is dropped.
Protesters the tables cannot code keep their own phrase and its sector ("Hundreds of farmers" AGR) and take
the country of the place or of whom they protest against (KENAGR); so do the people a violent or coercive act
falls on ("arrested five protesters in Lahore": PAKOPP; with no place, the coercing state's own people).

Quote frames: the speaker is the source of the statement, not of the act a quote or a reported clause tells ("'All
on board were killed,' Mujahid said": a clause never takes the subject of the verb that reports it, nor a passive
verb a subject it did not have), unless the quote says so in the first person ("'We support Mauritius,' Misri
said": ``quote_speakers`` gives the act the speaker's coding once the quotes are known, ``+source:first-person
+speaker``). A reported clause keeps its own actors ("officials said Indian troops attacked": IND) and is linked
to the citation of its sentence by ``attribution.link_citations``.

What did not happen as told is not an event of its own: the content of an appeal, promise, threat or refusal
(its complement clause), the purpose of an act ("travelled to Moscow for talks"), what an act of yielding ends
("lifted the blockade"), background phrases ("in the wake of the execution"); a denial's content stays, marked
denied by the status stage. Finally one act is one event: the triggers of one clause telling one act of one
side on the other are merged, and a bare noun restating a sentence's act with a side missing is dropped.
Violence on oneself ("hanged himself") is no event; a suicide bombing ("blew himself up") is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from .actors import (
    RELATIVE_PRONOUNS,
    STATE_SECTORS,
    ActorIndex,
    actor_code,
    against_modifier,
    clause_subject,
    noun_phrase,
)  # fmt: skip
from .datafile import active_data
from .enrich._data import load_yaml, word_set
from .enrich.status import load_status_cues
from .errors import DataFileError
from .lexicon import Entry, Lexicon, entry_plover, inflections, quad_class
from .model import Cameo, Event, EventActor, Place, Plover, Quote, TextSpan
from .nlp import is_parsed

# Events inside the complement of these CAMEO roots are their content, not separate events: "urged Trump to
# continue supporting Kyiv" is one appeal (02), "invited Trump to visit" one invitation (03), "declined to
# comment" one refusal (01), "accused Dushanbe of violating" one accusation (11); the inner verb is what was asked,
# offered, refused, alleged or threatened.
COMPLEMENT_ROOTS = {"01", "02", "03", "10", "11", "12", "13"}
COMPLEMENT_DEPS = {"xcomp", "pcomp"}
# Roots whose that-clause is what was asked, promised or threatened ("demanded that Tajikistan pull back" is one
# demand); a statement's that-clause ("said that troops attacked") is a separate, reported event.
CLAUSE_CONTENT_ROOTS = {"02", "03", "10", "13"}
# Roots of acts that end or ease something (yield, reduce relations): what they end is their object, not news of
# its own ("lifted the blockade", "ended its mediation efforts", "suspended aid").
REVERSAL_ROOTS = {"08", "16"}
# Particles the parser may read as the head of a two-word preposition ("out of", "back from", "away from").
SPLIT_PARTICLES = {"out", "back", "away", "off", "down"}
# Subordinators of a condition: the conditioned act has not happened.
CONDITION_MARKS = {"unless", "if", "until"}
# Nouns and verbs whose to-infinitive names an act that did not happen ("refusal to accept", "failed to agree").
UNREAL_HEADS = {"refusal", "failure", "reluctance", "unwillingness", "inability", "fail"}
# Prepositions whose object is the background of a sentence, not its news ("after five days of fighting",
# "in the wake of the execution", "amid unrest").
BACKGROUND_PREPS = {"after", "following", "since", "amid", "amidst", "before", "during", "despite", "because"}
# Nouns that measure out an eventive noun through "of"/"in" ("a package of aid", "a shipment of weapons").
MEASURE_NOUNS = {
    "package", "tranche", "shipment", "ton", "tonne", "batch", "consignment", "convoy", "load", "worth", "round",
    "million", "billion", "amount", "sum", "dollar", "euro", "pound", "yen", "yuan", "rupee", "franc",
    "day", "night", "week", "month", "hour",  # "launched 10 days of war games"
    "transfer", "delivery", "deliveries",  # "announced the transfer of humanitarian aid"
}  # fmt: skip
# Verbs whose subject is an eventive noun that takes place: the noun is the event, the verb only says it began,
# went on or had effects ("Sanctions take hold", "Labour strike begins", "Military withdrawal leads to chaos").
# A value lists the words of which the verb needs one beside it: "take" carries only with "hold", "effect" or
# "place" ("sanctions took effect"), "break" only with "out".
CARRIER_VERBS = {
    "begin": "", "start": "", "continue": "", "resume": "", "erupt": "", "escalate": "", "intensify": "",
    "spread": "", "rage": "", "persist": "", "unfold": "", "widen": "", "enter": "", "spark": "",
    "trigger": "", "cause": "", "prompt": "", "cripple": "", "paralyse": "", "paralyze": "", "disrupt": "",
    "lead": "to", "take": "hold effect place", "break": "out", "kick": "off", "get": "underway under",
    "go": "ahead on", "come": "into", "happen": "", "occur": "",
}  # fmt: skip
# The roots whose nouns name acts that take place (and so may be a carrier verb's subject): material acts, not
# statements ("lodged a protest" is 114; "protests erupted" is 141).
CARRIED_ROOTS = {"06", "07", "08", "14", "15", "16", "17", "18", "19", "20"}
# Words that make a preposition's object a time, not a party ("called on Sunday for sanctions").
TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight",
    "morning", "afternoon", "evening", "night", "weekend", "january", "february", "march", "april", "june", "july",
    "august", "september", "october", "november", "december",
}  # fmt: skip
# Words whose of-phrase is background under any preposition ("because of", "in the wake of", "in the aftermath of").
WAKE_WORDS = {"because", "wake", "aftermath"}
BACKGROUND_NOUNS = {"wake", "aftermath", "days", "weeks", "months", "years", "week", "day", "month", "year", "time"}
# Prepositions that name the means of an act ("attacked with drones"), whose words may refine its code.
INSTRUMENT_PREPS = {"with", "by", "using", "via", "through"}
# Violent roots, and the objects that make such a verb an act on oneself.
VIOLENT_ROOTS = {"18", "19", "20"}
REFLEXIVES = {"himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself"}
# Modifier positions where a verb form is not a predicate ("pressing issues", "a wanted man").
NOT_PREDICATE_DEPS = {"amod", "compound", "nmod", "npadvmod"}


ROLE_CUES_FILE = "role_cues.yaml"


@dataclass(frozen=True)
class RoleCues:
    """The grammar words of argument roles (``data/role_cues.yaml``)."""

    reciprocals: frozenset[tuple[str, str]]  # two-word reciprocal pronouns ("each", "other")
    agent_preps: frozenset[str]  # prepositions whose object acts on an eventive noun ("strikes by the US")
    first_person: frozenset[str]  # words of a direct quote that stand for its speaker ("we", "our")
    subject_preps: frozenset[str]  # "along with": its object acts beside the subject
    member_preps: frozenset[str]  # "including": its object is a member of the party, and a party itself
    in_force: frozenset[str]  # "in place": the verb keeps its object's act in force ("kept tariffs in place")


def load_role_cues() -> RoleCues:
    """The role cue lists of ``eventwire/data/role_cues.yaml`` and of the user's ``*role_cues*.yaml`` files among the
    active ``--data`` paths (``eventwire.datafile.data_scope``), loaded once per set of paths."""
    return _role_cues(*active_data())


@lru_cache(maxsize=8)
def _role_cues(extra: tuple[str, ...], builtin: bool) -> RoleCues:
    table = load_yaml(ROLE_CUES_FILE, extra, builtin)
    pairs = set()
    for phrase in word_set(table, "reciprocal", "pronouns", source=ROLE_CUES_FILE):
        words = phrase.split()
        if len(words) != 2:
            raise DataFileError(f"reciprocal pronoun {phrase!r} must be two words", source=ROLE_CUES_FILE)
        pairs.add((words[0], words[1]))
    return RoleCues(
        reciprocals=frozenset(pairs),
        agent_preps=word_set(table, "nominal_agent", "preps", source=ROLE_CUES_FILE),
        first_person=word_set(table, "quote_frame", "first_person", source=ROLE_CUES_FILE),
        subject_preps=word_set(table, "co_actors", "subject_preps", source=ROLE_CUES_FILE),
        member_preps=word_set(table, "co_actors", "member_preps", source=ROLE_CUES_FILE),
        in_force=word_set(table, "light_phrases", "object_in_force", source=ROLE_CUES_FILE),
    )


@dataclass
class Found:
    """An event with the tokens it was read from (kept for the enrich stage; not part of the output)."""

    event: Event
    trigger: Token
    entry: Entry
    target_token: Token | None
    anchor: Token  # the light verb of an eventive noun, else the trigger itself


def extract_events(
    doc: Doc, index: ActorIndex, lexicon: Lexicon, document_id: str, *, unnamed: bool = False
) -> list[Found]:
    """Every event of the article, in text order.

    With ``unnamed``, an act whose parties the tables cannot code at all ("Protesters demand faster action",
    "Police raid offices") is kept with no source and no target (rule ``NO_PARTY_RULE``): what a headline reports is
    what its story is about, whoever does it, so the document label wants it; an event record does not (see
    ``has_party``)."""
    found: list[Found] = []
    for sent_index, sent in enumerate(doc.sents):
        if not is_parsed(sent):
            continue
        for token in sent:
            if token.pos_ not in ("VERB", "NOUN", "PROPN", "AUX"):
                continue
            if token.pos_ == "VERB" and token.dep_ in NOT_PREDICATE_DEPS:
                continue
            for entry in lexicon.candidates(token.lemma_.lower(), token.pos_):
                fired = list(_fire(entry, token, index, lexicon, unnamed))
                for source, target, target_tok, anchor, code, mode, rule in fired:
                    event = _event(doc, sent_index, token, entry, lexicon, source, target, code, mode, document_id)
                    event.extractor += rule
                    if event.plover.type in INTENDED_RECODE and _conditional(anchor):
                        _recode(event, lexicon, "conditional")
                    found.append(Found(event, token, entry, target_tok, anchor))
                if fired:
                    break  # the first entry of a lemma that fires wins (entries are ordered specific first)
    found = _obligations(found, index, lexicon)
    _warnings(found, index, lexicon)
    kept = _dedupe(_drop_light_verb_readings(_drop_contents(_drop_media_statements(found))))
    for number, item in enumerate(kept, start=1):
        item.event.id = f"{document_id}:e{number}"
    return kept


def _drop_contents(found: list[Found]) -> list[Found]:
    """Drop events that are the content of another event's complement (see COMPLEMENT_ROOTS) or what an act of
    yielding or reducing relations ends (see REVERSAL_ROOTS), its purpose
    ("began a hunger strike to demand the return of land") or its condition ("will boycott the elections unless
    the president agrees to step down"), and acts a refusal or failure names ("the government's refusal to
    accept independence"): none of them happened as told."""
    inside: set[int] = set()
    for item in found:
        for host in {item.trigger, item.anchor}:
            for child in host.children:
                if child.dep_ == "advcl" and (
                    _to_infinitive(child) or any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in child.children)
                ):
                    inside.update(_clause_tokens(child))
                elif child.dep_ == "prep" and child.lower_ == "for" and child.i > host.i:
                    inside.update(t.i for t in child.subtree)  # "will travel to Moscow for talks": its purpose
    for token in (found[0].trigger.doc if found else ()):
        if token.lemma_.lower() in UNREAL_HEADS:
            for child in token.children:
                if child.dep_ in ("acl", "xcomp", "advcl") and _to_infinitive(child):
                    inside.update(t.i for t in child.subtree)
    denials = load_status_cues().denying_governors
    for item in found:
        if item.event.cameo.root == "01" and item.trigger.lemma_.lower() in denials:
            continue  # "denied attacking the posts": what a denial denies stays, with the status "denied"
        if item.event.cameo.root in REVERSAL_ROOTS and item.trigger is item.anchor and item.trigger.pos_ == "VERB":
            for obj in (c for c in item.trigger.children if c.dep_ in ("dobj", "nsubjpass")):
                inside.update(t.i for t in obj.subtree)
        if item.event.cameo.root in COMPLEMENT_ROOTS:
            hosts = {item.trigger, item.anchor}
            hosts |= {c for h in hosts for c in h.children if c.dep_ in ("dobj", "attr")}
            for host in hosts:
                for child in host.children:
                    if (
                        child.dep_ in COMPLEMENT_DEPS
                        or (child.dep_ == "ccomp" and item.event.cameo.root in CLAUSE_CONTENT_ROOTS)
                        or (child.dep_ in ("acl", "advcl") and _to_infinitive(child))
                        or (child.dep_ == "prep" and (item.event.cameo.root in ("01", "11") or host.dep_ == "dobj"))
                    ):
                        inside.update(t.i for t in child.subtree)
    # an eventive noun whose light verb stands outside the content is the act itself ("announced $25 million in
    # aid": the announcing verb carries the aid)
    return [
        item for item in found
        if item.anchor.i not in inside and (item.trigger.i not in inside or item.anchor is not item.trigger)
    ]  # fmt: skip


# Modals that make a reported clause an obligation: "said Libya must hand over the suspects" is a demand.
OBLIGATION_MODALS = {"must", "should"}


def _obligations(found: list[Found], index: ActorIndex, lexicon: Lexicon) -> list[Found]:
    """A statement whose that-clause says what someone must do is a demand of them (CAMEO 100, PLOVER
    REQUEST): "Britain said Libya must hand over the bombers" → GBR REQUEST LBY. The clause's own events are
    its content and are dropped; the statement stays."""
    out: list[Found] = []
    inside: set[int] = set()
    for item in found:
        out.append(item)
        if item.event.cameo.root != "01" or item.event.source is None:
            continue
        for clause in item.anchor.children:
            if clause.dep_ != "ccomp" or clause.i < item.anchor.i:
                continue
            if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in clause.children):
                continue
            inside.update(t.i for t in clause.subtree)
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            targets = index.event_actors(subject) if subject is not None else []
            targets = [t for t in targets if t.actor_id != item.event.source.actor_id] or [None]  # type: ignore[list-item]
            info = lexicon.info("100")
            for target in targets:
                event = replace(
                    item.event,
                    target=target,
                    plover=Plover(info.plover, None),
                    cameo=Cameo(code="100", root="10", quad_class=info.quad_class, goldstein=info.goldstein),
                    extractor=item.event.extractor + "+rule:must-clause",
                )
                out.append(Found(event, item.trigger, item.entry, subject if target else None, item.anchor))
    return [f for f in out if f.trigger.i not in inside]


# Types a warning of one's own act makes a threat though the status stage leaves them as they are (the others are
# recoded by INTENDED_RECODE once marked intended): "warned that it will keep up maximum pressure on Iran".
WARNED_TYPES = {"REQUEST", "ACCUSE", "REJECT"}


def _warnings(found: list[Found], index: ActorIndex, lexicon: Lexicon) -> None:
    """The frame of a warning: what the speaker says it will do itself is a threat. A statement whose verb is a
    status ``announcers`` verb ("warned", "threatened") with a that-clause of the speaker's own side ("the United
    States warned that it will continue to exert maximum pressure on Iran") makes the clause's demands and
    rejections THREATEN (CAMEO 130, ``+rule:warning``), and gives a clause act with no target the party warned
    ("Russia warned Ukraine that it would cut off gas": UKR). A clause of another side ("warned that Russia will
    attack") is a reported event and stays as it is."""
    announcers = load_status_cues().announcers
    for item in found:
        statement = item.event
        if statement.cameo.root != "01" or statement.source is None or item.trigger.lemma_.lower() not in announcers:
            continue
        for clause in (c for c in item.trigger.children if c.dep_ == "ccomp" and c.i > item.trigger.i):
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            sides = index.event_actors(subject) if subject is not None else []
            if not sides or not all(_same_country(statement.source, side) for side in sides):
                continue
            inside = {t.i for t in clause.subtree}
            for other in found:
                event = other.event
                if other is item or other.anchor.i not in inside or _side(event.source) != _side(statement.source):
                    continue
                if event.target is None and statement.target is not None:
                    event.target = statement.target
                    event.extractor += "+target:warned"
                if event.plover.type in WARNED_TYPES:
                    info = lexicon.info("130")
                    event.extractor += f"+rule:warning:{event.plover.type}->THREATEN"
                    event.plover = Plover("THREATEN", None)
                    event.cameo = Cameo(code="130", root="13", quad_class=info.quad_class, goldstein=info.goldstein)


def _clause_tokens(clause: Token) -> set[int]:
    """A clause's tokens without its participial clauses: in "opened fire to disperse demonstrators, killing one
    and arresting 12" the parser hangs the participles on the purpose verb, but they tell what happened."""
    kept: set[int] = set()
    stack = [clause]
    while stack:
        tok = stack.pop()
        kept.add(tok.i)
        stack += [c for c in tok.children if not (c.dep_ in ("advcl", "acl") and c.tag_ == "VBG")]
    return kept


def _drop_media_statements(found: list[Found]) -> list[Found]:
    """A news outlet "reporting" something is a cited source (attribution), not a political statement."""
    return [
        item
        for item in found
        if not (item.event.cameo.root == "01" and item.event.source is not None and item.event.source.sector == "MED")
    ]


def _drop_light_verb_readings(found: list[Found]) -> list[Found]:
    """A verb the lexicon names as the light verb of its object's eventive noun says what the noun says: "signed
    a ceasefire" is the ceasefire (CONCEDE), not a signed agreement (SUPPORT) as well. The verb's own typed
    reading is dropped when a typed event of its noun is anchored on it and the verb's entry asks nothing of its
    object (an entry that names its objects, "signed a trade agreement", is the specific reading and stays)."""
    anchors = {item.anchor.i for item in found if item.anchor.i != item.trigger.i and item.event.plover.type}
    return [
        item for item in found
        if not (
            item.anchor.i == item.trigger.i
            and item.trigger.i in anchors
            and item.event.plover.type
            and not item.entry.requires.object
        )
    ]  # fmt: skip


def _dedupe(found: list[Found]) -> list[Found]:
    """One event per act: a trigger matched through two routes is one event, and so are several triggers of one
    clause telling one act of one side on the other ("riot police used water cannon and tear gas": one
    ASSAULT; "granted asylum": one AID). Of such a group the most specific reading is kept (higher confidence,
    then the longer CAMEO code), in text order."""
    best: dict[tuple, Found] = {}
    for item in found:
        e = item.event
        key = (
            e.sentence_index,
            _clause_verb(item.anchor).i,
            e.plover.type or e.cameo.root,
            e.source and (e.source.actor_id or e.source.country),
            e.target and (e.target.actor_id or e.target.country),
        )
        kept = best.get(key)
        if kept is None or (e.confidence, len(e.cameo.code)) > (kept.event.confidence, len(kept.event.cameo.code)):
            best[key] = item
    chosen = {id(item) for item in best.values()}
    kept = _join_halves([item for item in found if id(item) in chosen])
    return [
        item for item in kept
        if not (_bare_noun(item) and any(_subsumes(other.event, item.event) for other in kept))
    ]  # fmt: skip


def _join_halves(found: list[Found]) -> list[Found]:
    """One act told in two halves of one sentence: an event with only a source and one of the same type with only
    a target, whose triggers hang from one another ("Riot police used tear gas to disperse protesters": the police's
    tear gas, the protesters' dispersal) are one event, the first with the second's target."""
    dropped: set[int] = set()
    for item in found:
        e = item.event
        if not e.plover.type or e.source is None or e.target is not None:
            continue
        for other in found:
            o = other.event
            if id(other) in dropped or o is e or o.sentence_index != e.sentence_index or o.plover.type != e.plover.type:
                continue
            if o.source is not None or o.target is None or not _hangs_together(item.anchor, other.anchor):
                continue
            e.target = o.target
            e.extractor += "+target:joined"
            dropped.add(id(other))
            break
    return [item for item in found if id(item) not in dropped]


def _hangs_together(a: Token, b: Token) -> bool:
    """Whether one token is the other's head or grand-head (a main verb and its purpose clause)."""
    return any(y.i in (x.head.i, x.head.head.i) and x.i != y.i for x, y in ((a, b), (b, a)))


def _bare_noun(item: Found) -> bool:
    return item.anchor is item.trigger and item.trigger.pos_ in ("NOUN", "PROPN")


def _side(actor: EventActor | None) -> str | None:
    return actor and (actor.country or actor.code or actor.actor_id)


def _subsumes(full: Event, partial: Event) -> bool:
    """Whether ``full`` tells all that ``partial`` tells of one sentence's act and more: same sentence and type,
    ``partial`` lacks a side that ``full`` names and agrees on the other ("Ukraine launched a drone attack on
    Moscow …—the largest strike on the Russian capital": the restating bare noun adds nothing)."""
    if full is partial or full.sentence_index != partial.sentence_index or not full.plover.type:
        return False
    if full.plover.type != partial.plover.type:
        return False
    sides = [(_side(full.source), _side(partial.source)), (_side(full.target), _side(partial.target))]
    missing = [f for f, p in sides if p is None]
    return bool(missing) and all(f is not None for f in missing) and all(f == p for f, p in sides if p is not None)


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a trigger sits in (a noun's light verb or governing verb; a verb itself; the verb
    whose purpose an infinitive complement states: "used tear gas to disperse demonstrators")."""
    tok = token
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and not (tok.dep_ == "xcomp" and _to_infinitive(tok)) or tok.head is tok:
            return tok
        tok = tok.head
    return tok


def _event(
    doc: Doc,
    sent_index: int,
    token: Token,
    entry: Entry,
    lexicon: Lexicon,
    source: EventActor | None,
    target: EventActor | None,
    code: str,
    mode: str | None,
    document_id: str,
) -> Event:
    info = lexicon.info(code)
    ptype, pmode = entry_plover(entry, info)
    sent = token.sent
    evidence = sent.text.rstrip()
    return Event(
        id="",
        document_id=document_id,
        sentence_index=sent_index,
        trigger=TextSpan(token.text, token.idx, token.idx + len(token.text)),
        evidence=TextSpan(evidence, sent.start_char, sent.start_char + len(evidence)),
        source=source,
        target=target,
        plover=Plover(ptype, mode or pmode),
        cameo=Cameo(code=code, root=code[:2], quad_class=info.quad_class, goldstein=info.goldstein),
        context=list(entry.context),
        confidence=entry.confidence,
        extractor=f"lexicon:{entry.file}:{entry.id}",
    )


# ---------------------------------------------------------------------- matching one entry


def _light_verb(entry: Entry, noun: Token) -> Token | None:
    """The verb that makes an eventive noun an event ("held a call", "carried out strikes"), if any."""
    head = noun.head
    if noun.dep_ == "nsubj" and head.pos_ == "VERB" and head.lemma_.lower() in CARRIER_VERBS:
        if entry.cameo[:2] not in CARRIED_ROOTS or not entry.carried:
            return None  # a complaint or an appeal is made, it does not break out
        needs = CARRIER_VERBS[head.lemma_.lower()].split()
        if not needs or any(c.lower_ in needs for c in head.children if c.dep_ in ("prt", "prep", "dobj", "advmod")):
            return head  # "Sanctions take hold", "Strike begins": the noun is the event, the verb its taking place
        return None
    if noun.dep_ not in ("dobj", "nsubjpass", "attr", "pobj", "conj") or head is noun:
        return None
    if noun.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ == "VERB":
        noun, head = head, head.head  # "placed the president under house arrest": the verb puts its object under it
    elif noun.dep_ == "pobj":
        governor = head.head  # what the preposition hangs on
        if (
            entry.cameo[:2] == "14" and head.lower_ in ("in", "on") and governor.pos_ in ("VERB", "AUX")
            and (head.lower_ == "on" or governor.pos_ == "VERB")
            and not any(c.dep_ in ("nsubjpass", "auxpass") for c in governor.children)
        ):
            # "teachers surrounded the Statehouse in a protest", "burned tyres in protest": the act is one;
            # "nurses went on strike", "doctors are on strike": they protest
            return governor
        # "announced $25 million in aid", "sent a package of aid": the measure is the verb's object
        measure = governor
        if head.lower_ in ("in", "of") and measure is not head and (
            measure.like_num or measure.pos_ in ("NUM", "SYM") or measure.lemma_.lower() in MEASURE_NOUNS
        ):
            return _light_verb(entry, measure)
        return None
    if noun.dep_ == "conj":
        return _light_verb(entry, head) if head.pos_ in ("NOUN", "PROPN") else None
    if noun.dep_ == "dobj" and head.pos_ == "VERB" and any(
        f"{p.lower_} {g.lower_}" in load_role_cues().in_force
        for p in head.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"
    ):  # fmt: skip
        return head  # "is keeping new tariffs in place on Mexico": the tariffs are in force on Mexico
    for lv in entry.light_verbs:
        words = lv.split()
        if (head.lemma_.lower() == words[0] or head.lower_ in _verb_forms(words[0])) and (
            len(words) == 1 or any(c.dep_ == "prt" and c.lower_ == words[1] for c in head.children)
        ):
            return head
    return None


@lru_cache(maxsize=1024)
def _verb_forms(lemma: str) -> frozenset[str]:
    """Inflected forms of a light verb: the tagger's lemma is sometimes wrong ("staged" → "stag")."""
    return frozenset(inflections(lemma, "VERB"))


def _negated(token: Token) -> bool:
    def has_neg(t: Token) -> bool:
        return any(c.dep_ == "neg" or c.lower_ in ("never",) and c.dep_ == "advmod" for c in t.children)

    return has_neg(token) or (token.dep_ in ("xcomp", "conj") and has_neg(token.head))


def _object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in ("dobj", "obj"):
            return child
    return None


def _requirements(entry: Entry, token: Token, anchor: Token, lexicon: Lexicon) -> bool:
    req = entry.requires
    particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
    # "pulled its forces out of the region": a particle parsed as the head of a two-word preposition
    particles |= {
        c.lower_ for c in token.children
        if c.dep_ == "prep" and c.lower_ in SPLIT_PARTICLES and any(g.dep_ == "prep" for g in c.children)
    }  # fmt: skip
    if entry.particle and entry.particle not in particles:
        return False
    if not entry.particle and particles & lexicon.particles.get((entry.lemma, entry.pos), set()):
        return False  # "backed down" is not "backed": another entry of the word names that particle
    if req.negated and not _negated(anchor):
        return False
    obj = _object(anchor if entry.pos == "NOUN" else token)
    if obj is None and entry.pos == "VERB":  # a passive's subject is its object: "platforms were suspended"
        obj = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if req.object:
        lemmas = {obj.lemma_.lower()} if obj is not None else set()
        # "a request for comment": the object's for-complement counts too
        if obj is not None:
            lemmas |= {g.lemma_.lower() for p in obj.children if p.dep_ == "prep" for g in p.children}
        # a preposition on the verb, or on its particle ("ordered him back to prison")
        preps = [p for p in token.children if p.dep_ == "prep"]
        preps += [
            p for a in token.children if a.dep_ == "advmod" and a.lower_ in SPLIT_PARTICLES
            for p in a.children if p.dep_ == "prep"
        ]  # fmt: skip
        for p in preps:
            for g in p.children:
                lemmas.add(g.lemma_.lower())
                lemmas |= {h.lemma_.lower() for q in g.children if q.dep_ == "prep" for h in q.children}
        if not lemmas & set(req.object):
            return False
    if req.not_object:
        words = {obj.lemma_.lower()} if obj is not None else set()
        if entry.pos == "NOUN":  # a noun's modifier is what its object would be: "hunger strike", "labour strike"
            words |= {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
        else:  # and a verb's predicative complement or measure: "pleaded guilty", "the bond hit 16%"
            words |= {c.lemma_.lower() for c in token.children if c.dep_ in ("acomp", "oprd", "npadvmod")}
        if words & set(req.not_object):
            return False
    if req.not_subject and {c.lemma_.lower() for c in _subjects(token, passive=False)} & set(req.not_subject):
        return False  # "the Nifty has been rallying", "stocks rallied": no protest
    if req.not_prep_object and {
        g.lemma_.lower() for p in token.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"
    } & set(req.not_prep_object):
        return False  # "killed in a helicopter crash": no attack
    if req.object_pos and obj is not None and obj.pos_ not in req.object_pos:
        return False  # "Australia beat Colombia": a name beaten is a game or an election lost
    if req.not_predicative and any(c.dep_ == "oprd" for c in (*token.children, *anchor.children)):
        return False  # "called the ruling a landmark judgment": naming, not asking; "kept tariffs low": a level
    if req.intransitive and any(c.dep_ in ("dobj", "ccomp") for c in token.children):
        return False
    if req.subject:
        # "Russian troops arrived in Bamako", "troops and aid shipments arrived": the subject and its conjuncts
        subjects = _subjects(token)
        subjects += [g for c in subjects for g in c.children if g.dep_ == "conj"]
        if not {c.lemma_.lower() for c in subjects} & set(req.subject):
            return False
    if req.modifier and not any(
        c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in req.modifier for c in token.children
    ):
        return False
    if req.complement:
        # a clause before its governor is reported speech, not a complement ("The army lifted the blockade,
        # officials told AFP")
        comps = {
            c.lemma_.lower() for c in token.children
            if c.dep_ in ("xcomp", "pcomp", "dobj", "oprd", "acomp") or (c.dep_ == "ccomp" and c.i > token.i)
        }  # fmt: skip
        # "offered to help mediate", "agreed to try to resolve": the verb a helper verb's complement names
        comps |= {g.lemma_.lower() for c in token.children if c.dep_ == "xcomp" for g in c.children if g.dep_ == "xcomp"}
        comps |= {c.lemma_.lower() for c in token.children if c.dep_ in ("advcl", "acl") and _to_infinitive(c)}
        # "vowed to continue attacks", "pledged to resume aid": what a carrying verb's object names
        carriers = load_status_cues().support_verbs
        comps |= {
            g.lemma_.lower() for c in token.children if c.dep_ == "xcomp" and c.lemma_.lower() in carriers
            for g in c.children if g.dep_ == "dobj"
        }  # fmt: skip
        comps |= {g.lemma_.lower() for c in token.children if c.dep_ == "prep" for g in c.children}
        if not comps & set(req.complement):
            return False
    # a date is no one's preposition object: "called on Sunday for sanctions" is no call on anyone
    return not req.prep or any(
        o.ent_type_ not in ("DATE", "TIME") and o.lower_ not in TIME_WORDS
        for p in req.prep for o in _prep_objects(token, anchor, p)
    )


def _acting_subject(verb: Token) -> Token | None:
    """The subject that acts in a verb's clause (``clause_subject``), except where it is none: a passive verb's
    inherited subject is its patient ("were attacked and killed"), and a reported clause never takes the subject
    of the verb that reports it (""All on board were killed," Mujahid said": the parser gives "killed" no subject,
    and the speaker is not the killer)."""
    subject = clause_subject(verb)
    if subject is None or subject.dep_ == "nsubjpass":
        return None
    if subject.head.i == verb.i:
        return subject
    if any(c.dep_ == "auxpass" for c in verb.children):
        return None
    tok = verb
    for _ in range(8):
        if subject.head.i == tok.i or tok.head.i == tok.i:
            break
        if tok.dep_ == "ccomp":
            return None
        tok = tok.head
    return subject


def _subjects(token: Token, passive: bool = True) -> list[Token]:
    """A verb's subjects; a participle describing a noun has that noun as its subject ("legislation targeting
    Turkey", "tariffs imposed on Canada")."""
    deps = ("nsubj", "nsubjpass", "csubj") if passive else ("nsubj", "csubj")
    subjects = [c for c in token.children if c.dep_ in deps]
    if not subjects and token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
        subjects = [token.head]
    return subjects


def _to_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _prep_objects(token: Token, anchor: Token, prep: str) -> list[Token]:
    """Objects of preposition ``prep`` on the trigger, its light verb or its direct object. A complex
    preposition ("in defiance of", "in protest against") is followed word by word: its first preposition's
    object must be its noun, whose own preposition then gives the object."""
    first, *rest = prep.split()
    hosts = [token, anchor] + [c for c in (token, anchor) for c in c.children if c.dep_ in ("dobj",)]
    hosts += _noun_participles(token)  # "sanctions imposed by the EU on Iran"
    out: list[Token] = []
    for host in dict.fromkeys(hosts):
        for child in host.children:
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ == first:
                objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")] or _dangling_object(child)
                if len(rest) == 2:
                    objects = [
                        g for o in objects if o.lower_ == rest[0] for p in o.children
                        if p.dep_ == "prep" and p.lower_ == rest[1] for g in p.children if g.dep_ == "pobj"
                    ]  # fmt: skip
                out += objects if len(rest) in (0, 2) else []
    return out


def _dangling_object(prep: Token) -> list[Token]:
    """The object of a preposition the parser left without one: the noun phrase that starts right after it
    ("granted asylum to five Panamanian army officers holed up in …", where "officers" became the subject of
    "holed")."""
    after = prep.i + 1
    return [
        t for t in prep.sent if t.i > prep.i and t.left_edge.i == after and t.pos_ in ("NOUN", "PROPN")
    ][:1]  # fmt: skip


def _role_tokens(role: str, token: Token, anchor: Token) -> list[Token]:
    """Tokens that fill ``role`` for a trigger (``anchor`` is the light verb for nouns, else the trigger)."""
    if role == "nsubj":
        subject = _acting_subject(anchor)
        return [subject] if subject is not None else []
    if role == "light_subj":
        if anchor is token:
            return []
        subject = _acting_subject(anchor)
        return [subject] if subject is not None and subject.i != token.i else []
    if role == "nsubjpass":
        return [c for c in anchor.children if c.dep_ == "nsubjpass"] or _participle_patient(anchor)
    if role == "agent":
        return [g for c in anchor.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if role == "dobj":
        obj = _object(token)
        return [obj] if obj is not None else _participle_patient(token)
    if role == "dative":
        out = [c for c in token.children if c.dep_ in ("dative", "iobj")]
        return out + _prep_objects(token, anchor, "to")
    if role == "poss":
        return [c for c in token.children if c.dep_ == "poss"]
    if role == "noun_agent":
        return _noun_agents(token)
    if role == "compound":
        return [c for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i]
    if role == "light_obj":  # "placed President Bongo under house arrest": the light verb's object
        obj = _object(anchor) if anchor is not token else None
        return [obj] if obj is not None and obj.i != token.i else []
    if role == "dobj_mod":  # "burned Israeli flags": whom the object's modifier names
        obj = _object(token)
        return [c for c in obj.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < obj.i] if obj else []
    if role == "xcomp_obj":
        return [o for c in token.children if c.dep_ == "xcomp" for o in c.children if o.dep_ == "dobj"]
    if role == "ccomp_subj":  # "demanded that Tajikistan pull back": the subject of the content clause
        return [s for c in token.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in ("nsubj",)]
    if role.startswith("dobj_prep:"):  # "closed the crossings on its border with Tajikistan"
        obj = _object(anchor) or _object(token)
        words = role[len("dobj_prep:") :]
        return [
            g for t in (obj.subtree if obj is not None else ()) if t.dep_ == "prep" and t.lower_ == words
            for g in t.children if g.dep_ == "pobj"
        ]  # fmt: skip
    if role.startswith("prep:"):
        return _prep_objects(token, anchor, role[5:])
    return []


def _participle_patient(verb: Token) -> list[Token]:
    """The noun a past participle with an agent modifies is what was done to it ("Somali forces backed by
    Djiboutian soldiers", "civilians killed by Russian shelling"): the reduced passive's subject."""
    if (
        verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN", "PRON")
        and not any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children)
        and any(c.dep_ == "agent" for c in verb.children)  # "militiamen armed with machetes" is a state, not an act
    ):  # fmt: skip
        return [verb.head]
    return []


def _phrase_preps(host: Token, phrases: frozenset[str]) -> list[Token]:
    """Objects of a one- or two-word preposition on ``host`` ("including X", "along with X"), with their
    conjuncts."""
    out: list[Token] = []
    for prep in (c for c in host.children if c.dep_ == "prep"):
        objects: list[Token] = []
        if prep.lower_ in phrases:
            objects = [g for g in prep.children if g.dep_ == "pobj"]
        for second in (g for g in prep.children if g.dep_ == "prep"):
            if f"{prep.lower_} {second.lower_}" in phrases:
                objects += [g for g in second.children if g.dep_ == "pobj"]
        for obj in objects:
            out += [obj, *_conjuncts(obj)]
    return out


def _co_actors(
    tok: Token, verb: Token | None, index: ActorIndex, have: list[tuple[EventActor, Token]]
) -> list[tuple[EventActor, Token]]:
    """Parties named beside a role's phrase: its members ("rights groups, including the ACLU") and, for a subject,
    who acts with it ("The US, along with Britain and France, called ..."), skipping actors already in ``have``."""
    cues = load_role_cues()
    members = _phrase_preps(tok, cues.member_preps)
    if verb is not None:
        members += _phrase_preps(tok, cues.subject_preps) + _phrase_preps(verb, cues.subject_preps)
    seen = {a.actor_id for a, _ in have}
    out: list[tuple[EventActor, Token]] = []
    for member in members:
        for actor in index.event_actors(member):
            if actor.actor_id not in seen and (actor.country or actor.code):
                seen.add(actor.actor_id)
                out.append((actor, member))
    return out


HYPHENS = ("-", "–")


def _listed_states(tok: Token, index: ActorIndex) -> list[Token]:
    """A list of countries the parser read as an apposition ("Council members Greece, Panama and South Korea
    supported": "Panama" an apposition of "Greece", "South Korea" its conjunct): each listed country is a party.
    An apposition that names the same country or no country ("Hulusi Akar, Turkey's defence minister") is not."""
    def state(t: Token) -> EventActor | None:
        actor = index.event_actor(t)
        kind = index.actors[actor.actor_id].kind if actor is not None and actor.actor_id in index.actors else None
        return actor if kind == "state" and actor is not None and actor.country else None

    first = state(tok)
    if first is None:
        return []
    out: list[Token] = []
    for appos in (c for c in tok.children if c.dep_ == "appos"):
        other = state(appos)
        if other is None:
            continue
        listed = [c for c in _conjuncts(appos) if state(c) is not None]
        # "members Chile, Ghana and Japan": the head took the first listed country; the others are its conjuncts
        out += listed if other.country == first.country else [appos, *listed]
    return out


def _hyphen_partners(member: Token, first: EventActor, index: ActorIndex) -> list[tuple[EventActor, Token]]:
    """The other countries of a hyphenated modifier ("a joint Kenya-U.S. military base", "the Trump-Putin call"):
    each named side is a party."""
    doc = member.doc
    out: list[tuple[EventActor, Token]] = []
    seen = {first.actor_id}
    mods = [c for c in member.children if c.dep_ in ("compound", "nmod", "amod") and c.i < member.i]
    mods += [g for m in mods for g in m.children if g.dep_ in ("compound", "nmod", "amod") and g.i < m.i]
    for mod in mods:
        # the hyphen joins two named sides ("Kenya-U.S."), not a side and a word ("Iranian-backed")
        after = mod.i + 2 < len(doc) and doc[mod.i + 1].text in HYPHENS and index.event_actor(doc[mod.i + 2])
        before = mod.i > 1 and doc[mod.i - 1].text in HYPHENS and index.event_actor(doc[mod.i - 2])
        actor = index.event_actor(mod) if after or before else None
        if actor is not None and actor.actor_id not in seen and (actor.country or actor.code):
            seen.add(actor.actor_id)
            out.append((actor, member))
    return out


def _noun_agents(noun: Token) -> list[Token]:
    """The acting side of an eventive noun: the object of an agent preposition on it ("strikes by the United States
    and Britain", "a visit by Modi") or the agent of a participle on it ("sanctions imposed by the European Union",
    "an operation conducted by the army")."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return []
    preps = load_role_cues().agent_preps
    out = [
        g for p in noun.children if p.dep_ in ("prep", "agent") and p.lower_ in preps
        for g in p.children if g.dep_ == "pobj"
    ]  # fmt: skip
    out += [
        g for a in _noun_participles(noun) for p in a.children if p.dep_ == "agent"
        for g in p.children if g.dep_ == "pobj"
    ]  # fmt: skip
    return out


def _noun_participles(noun: Token) -> list[Token]:
    """Past participles that modify a noun ("sanctions imposed by ... on Iran"): they carry its arguments."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return []
    return [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]


def _reciprocal(token: Token, anchor: Token) -> bool:
    """Whether the trigger's (or its light verb's) object, direct or through a preposition, is a reciprocal
    pronoun ("accused each other", "blamed one another for", "traded insults with each other")."""
    pairs = load_role_cues().reciprocals
    for host in dict.fromkeys((token, anchor)):
        objects = [c for c in host.children if c.dep_ in ("dobj", "dative", "npadvmod")]
        objects += [g for p in host.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
        for obj in objects:
            for child in obj.children:
                if (child.lower_, obj.lower_) in pairs or (obj.lower_, child.lower_) in pairs:
                    return True
    return False


# Roles that name the acting side: who acts "along with" it acts too.
SUBJECT_ROLES = {"nsubj", "light_subj", "agent", "noun_agent"}


def _resolve_role(roles: list[str], token: Token, anchor: Token, index: ActorIndex) -> list[tuple[EventActor, Token]]:
    for role in roles:
        for tok in _role_tokens(role, token, anchor):
            if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
                tok = tok.head.head  # "Egypt and Qatar, which have mediated": the clause's antecedent and its conjuncts
                while tok.dep_ == "conj" and tok.head is not tok:
                    tok = tok.head
            resolved = []
            for member in [tok, *_conjuncts(tok), *_listed_states(tok, index)]:
                actors = index.event_actors(member)
                inner = _inner_actor(member, index) if not actors else None
                resolved += [(actor, member) for actor in actors or ([inner] if inner else [])]
                resolved += _coordinated_owners(member, actors, index)
                if inner is not None:
                    resolved += _hyphen_partners(member, inner, index)
            verb = anchor if role in SUBJECT_ROLES else None
            resolved += _co_actors(tok, verb, index, resolved)
            if resolved:
                return resolved
    return []


def _coordinated_owners(member: Token, actors: list[EventActor], index: ActorIndex) -> list[tuple[EventActor, Token]]:
    """The other owners of a phrase with coordinated demonyms ("French and Egyptian warships": Egypt's forces
    beside France's), as actors of the same sector."""
    if len(actors) != 1 or not actors[0].country:
        return []
    first = actors[0]
    out = []
    for mod in (c for c in member.children if c.dep_ in ("amod", "compound") and c.i < member.i):
        for other in (c for c in mod.children if c.dep_ == "conj"):
            country = index.knowledge.country_of_name(other.text)
            if country is None or country.iso3 == first.country:
                continue
            actor = index.state_actor(country, first.sector) if first.sector else index.state_actor(country)
            if not actor.mentions:
                index.add_mention(actor, other.i, other.i + 1, "demonym")
            out.append(
                (EventActor(other.text, other.idx, other.idx + len(other.text), actor.name, actor.country,
                            actor.sector, actor.code, actor.id), member)
            )  # fmt: skip
    return out


# Prepositions whose object owns or is served by a thing named by a noun that is no actor ("the computers of
# South Korean army officers", "a camp for Congolese refugees", "violations by Algerian security forces").
OWNER_PREPS = {"of", "for", "by"}


def _inner_actor(token: Token, index: ActorIndex, depth: int = 0) -> EventActor | None:
    """An actor named inside a phrase whose head is not one ("the Trump-Putin call", "Ukrainian cities", "the
    offices of the Palestinian administrators", "crimes committed by Croat forces")."""
    for child in token.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < token.i and not against_modifier(child):
            if depth and child.pos_ == "PRON":
                continue  # "the return of their land": an owner inside an of-phrase is named, not a pronoun
            actor = index.event_actor(child)
            if actor is not None:
                return actor
    if depth > 1 or token.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in token.children:
        preps = [child] if child.dep_ == "prep" and child.lower_ in OWNER_PREPS else []
        if child.dep_ == "acl" and child.tag_ == "VBN":  # "crimes committed by Croat forces"
            preps = [c for c in child.children if c.dep_ == "agent"]
        for prep in preps:
            for pobj in (g for g in prep.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")):
                actor = index.event_actor(pobj) or _inner_actor(pobj, index, depth + 1)
                if actor is not None:
                    return actor
    return None


def _conjuncts(token: Token) -> list[Token]:
    """The conjuncts of a coordinated phrase, the whole chain ("France, Germany and Britain": the parser hangs
    "Britain" on "Germany")."""
    out: list[Token] = []
    stack = [c for c in token.children if c.dep_ == "conj"]
    while stack and len(out) < 12:
        conj = stack.pop(0)
        out.append(conj)
        stack += [c for c in conj.children if c.dep_ == "conj"]
    return out


def _refine(entry: Entry, token: Token, anchor: Token) -> tuple[str, str | None]:
    code, mode = entry.cameo, None
    if not entry.modifiers:
        return code, mode
    words: set[str] = set()
    for host in {token, anchor, *(c for c in token.children if c.dep_ in ("dobj", "pobj"))}:
        for child in host.children:
            if child.dep_ in ("compound", "amod", "nmod", "dobj", "npadvmod", "nummod", "advmod"):
                words |= {child.lemma_.lower(), child.lower_}
        words |= {host.lower_, host.lemma_.lower()}
    for host in {token, anchor}:
        for prep in (c for c in host.children if c.dep_ == "prep" and c.lower_ in INSTRUMENT_PREPS):
            words |= {g.lemma_.lower() for g in prep.subtree}
        # what was asked or offered: "urged both sides to show restraint", "pressed Iran to withdraw"
        for comp in (c for c in host.children if c.dep_ == "xcomp"):
            words.add(comp.lemma_.lower())
            words |= {g.lemma_.lower() for g in comp.children if g.dep_ in ("dobj", "xcomp", "prt")}
    for key, mod in entry.modifiers.items():
        if all(part in words for part in key.lower().split()):
            return mod.cameo or code, mod.mode
    return code, mode


def _fire(
    entry: Entry, token: Token, index: ActorIndex, lexicon: Lexicon, unnamed: bool = False
) -> Iterator[tuple[EventActor | None, EventActor | None, Token | None, Token, str, str | None, str]]:
    if entry.cameo[:2] in VIOLENT_ROOTS and not entry.cameo.startswith("183") and any(
        c.dep_ == "dobj" and c.lower_ in REFLEXIVES for c in token.children
    ):
        return  # "hanged himself", "shot himself": a suicide is no act on another (a suicide bombing, 183, is)
    anchor = token
    if entry.pos == "NOUN":
        light = _light_verb(entry, token) if entry.light_verbs else None
        if light is not None:
            anchor = light
        elif not entry.noun_alone:
            return
    if not _requirements(entry, token, anchor, lexicon):
        return
    source_roles, target_roles = entry.source_roles(), entry.target_roles()
    if entry.pos == "NOUN" and anchor is token:
        # a bare eventive noun has only its own arguments ("Israel's strikes on Gaza"), never a clause's subject
        source_roles = [r for r in source_roles if r in ("poss", "compound", "noun_agent") or r.startswith("prep:")]
    sources = _resolve_role(source_roles, token, anchor, index)
    rule = ""
    if not sources and entry.pos == "NOUN":
        # "strikes by the United States and Britain on Houthi targets", "sanctions imposed by the EU on Iran":
        # an eventive noun's agent phrase names its acting side
        sources = _resolve_role(["noun_agent"], token, anchor, index)
        rule = "+source:noun-agent" if sources else ""
    targets = _resolve_role(target_roles, token, anchor, index)
    pairs_given: list[tuple[tuple[EventActor, Token], tuple[EventActor, Token]]] | None = None
    if len(sources) > 1 and _reciprocal(token, anchor):
        # "India and Pakistan accused each other": each coordinated party acts on each other one
        pairs_given = [(s, t) for s in sources for t in sources if s[0].actor_id != t[0].actor_id]
        rule += "+rule:reciprocal"
    if sources and targets:
        # "reneged on his commitment to the Zambian people": the source itself is no target; look further
        source_ids = {a.actor_id for a, _ in sources}
        targets = [t for t in targets if t[0].actor_id not in source_ids]
    if not targets and entry.requires.target and not (entry.symmetric and len(sources) > 1) and not pairs_given:
        return  # the entry needs a target in its own roles; no fallback supplies one
    if pairs_given:
        targets = []  # the reciprocal pairs are the event's parties; no fallback looks further
    elif not targets and entry.cameo[:2] in CLAUSE_CONTENT_ROOTS | {"12", "14"} and not entry.symmetric:
        # "promised to continue military aid to Mozambique", "threatened to break relations with Russia": the
        # target of a promise, threat, demand or refusal is whom its content is done to
        source_ids = {a.actor_id for a, _ in sources}
        targets = [t for t in _content_targets(token, anchor, index) if t[0].actor_id not in source_ids][:1]
        rule = "+target:content" if targets else ""
    if not targets and not pairs_given and sources and token.pos_ == "VERB" and entry_plover(entry, lexicon.info(entry.cameo))[0] in UNNAMED_TYPES:
        # "Pakistani police arrested five protesters in Lahore": people the tables cannot code, with their sector;
        # the place (or, for a state's coercion, the state) gives their country (see target_from_place)
        victims = _unplaced_victims(token, index)
        if victims is not None:
            targets, rule = [victims], rule + "+target:people"
    if not targets and not pairs_given and sources and not (entry.symmetric and len(sources) > 1) and (
        entry.cameo[:2] != "01"
    ):
        # PETRARCH's rule: with no target in the entry's roles, the first actor named in the predicate's own
        # arguments ("agreed to set up a centre in Tokyo", "suspended part of an aid program for Bosnia"); it
        # completes an event that has its source, it never makes one
        source_ids = {a.actor_id for a, _ in sources}
        meeting = entry.cameo[:2] in ("03", "04") and entry.mode != "visit"
        targets = [
            t for t in _predicate_actors(token, anchor, index, not meeting) if t[0].actor_id not in source_ids
        ][:1]
        rule = "+target:predicate" if targets else rule
    if entry.symmetric and len(sources) > 1 and not targets and not pairs_given:
        # "Trump and Putin had spoken", "France, Germany and Britain met": coordinated subjects of a symmetric act
        # are each other's partners, each pair once; an act of conflict ("Indian and Pakistani troops exchanged
        # fire") is done by each to the other, so both directions
        conflict = quad_class(entry.cameo) >= 3
        pairs_given = [
            (s, t) for i, s in enumerate(sources) for j, t in enumerate(sources)
            if s[0].actor_id != t[0].actor_id and (i < j or (conflict and i != j))
        ][:12]  # fmt: skip
    if not sources and not targets and _protesters(entry, token, anchor, lexicon):
        # "Tens of thousands of students staged demonstrations": protesters need no coded actor; the place
        # gives them a country after enrichment (see target_from_place)
        yield _unplaced_people(anchor, index), None, None, anchor, *_refine(entry, token, anchor), "+rule:protesters"
        return
    if not sources and not targets and _unnamed_parties(entry, token, lexicon):
        # "Gunmen killed 20 villagers in Zamfara", "30 people were killed": violence by or on people the tables
        # cannot code; the place gives the target after enrichment, and with no place the event is dropped
        # (see ``has_party``)
        yield None, None, None, anchor, *_refine(entry, token, anchor), UNNAMED_RULE
        return
    if entry.requires.target and not targets and not pairs_given:
        return
    if anchor is token and _background(token):
        return
    if not sources and _first_person(token, anchor) is not None:
        # "'We killed all of them,' Mujahid said": the speaker's side, filled in once quotes are known (see
        # ``quote_speakers``); an event left with no party is dropped (see ``has_party``)
        rule += FIRST_PERSON_RULE
    if not sources and not targets:
        if FIRST_PERSON_RULE in rule:
            yield None, None, None, anchor, *_refine(entry, token, anchor), rule
        elif unnamed:
            yield None, None, None, anchor, *_refine(entry, token, anchor), NO_PARTY_RULE
        return
    if anchor is token and token.dep_ == "pobj" and all(t.pos_ == "ADJ" for _, t in sources + targets):
        return  # "after a week of Palestinian unrest": a bare noun in a prepositional phrase, named only by a
        # nationality adjective, is background, not an event
    code, mode = _refine(entry, token, anchor)
    pairs = list(pairs_given) if pairs_given else list(_pairs(sources, targets))
    if len(pairs) > 1 and not pairs_given:
        # "both sides' troops killed Kyrgyz guards": of several pairs, one country acting on itself is no event
        pairs = [p for p in pairs if not _same_country(p[0][0], p[1][0])] or pairs[:1]
    ptype, _ = entry_plover(entry, lexicon.info(code))
    for (source, _), (target, target_tok) in pairs:
        if source is not None and target is not None and (
            source.actor_id == target.actor_id or _same_body(source, target, index)
        ):
            target, target_tok = None, None  # "it stood ready to defend EU interests": no one acts on itself
        if target is not None and target_tok is not None and not (target.country or target.code):
            target = _opposition_target(source, target, target_tok)
        home = _home_source(ptype, source, target, anchor, index)
        if home is not None:
            source, rule = home, rule + "+source:target-country"
        yield source, target, target_tok, anchor, code, mode, rule


def _same_body(source: EventActor, target: EventActor, index: ActorIndex) -> bool:
    """Two mentions of one body under one code ("the European Commission … EU interests"); two people who share
    a code (Biden and Trump, both USAGOV) are two parties."""
    if source.code is None or source.code != target.code:
        return False
    kinds = {index.actors[a].kind for a in (source.actor_id, target.actor_id) if a in index.actors}
    return "person" not in kinds


def _opposition_target(source: EventActor | None, target: EventActor, target_tok: Token) -> EventActor:
    """An uncoded target the text calls the opposition ("allowed opposition leader Maulana Fazl-ur-Rehman",
    "ordered the opposition newspaper La Prensa") belongs to the country of the state actor acting on it."""
    if source is None or not source.country or len(source.country) != 3:
        return target
    sent = target_tok.sent
    near = [t for t in target_tok.doc[max(sent.start, target_tok.left_edge.i - 4) : target_tok.i]]
    if any(t.lower_ == "opposition" for t in near):
        return replace(target, country=source.country, code=source.country + "OPP")
    return target


# Conflictual types whose uncoded non-state side acting on a country's actor is taken to be of that country
# (CAMEO codes domestic groups by their country: "Ethnic Albanians have sworn to fight … Macedonia" → MKD).
HOME_TYPES = {"PROTEST", "THREATEN", "REJECT", "REQUEST", "ACCUSE", "ASSAULT", "COERCE"}


def _home_source(
    ptype: str | None, source: EventActor | None, target: EventActor | None, anchor: Token, index: ActorIndex
) -> EventActor | None:
    """A source with no country for an act against a country's actor: protesters are the people of the
    government they protest against ("students staged demonstrations to demand reforms by President Suharto's
    government" → IDN), and an uncoded group or organisation that threatens, rejects, demands of, accuses or
    attacks a state's actor is a domestic group of that state. People other than protesters, and coded
    international bodies, keep no country. Returns the source to use, or None to keep it."""
    if ptype not in HOME_TYPES or target is None or not target.country or len(target.country) != 3:
        return None
    if source is not None and (source.country or source.code):
        return None
    if source is None:
        if ptype != "PROTEST":
            return None
        subject = clause_subject(anchor)
        if subject is None or subject.dep_ == "nsubjpass" or subject.pos_ not in ("NOUN", "PROPN", "NUM"):
            return None
        span = anchor.doc[subject.left_edge.i : subject.i + 1]
        sector = index.people_sector(subject)
        code = actor_code(target.country, sector)
        return EventActor(span.text, span.start_char, span.end_char, span.text, target.country, sector, code, None)
    actor = index.actors.get(source.actor_id or "")
    if ptype != "PROTEST" and (actor is None or actor.kind not in ("group", "organization")):
        return None
    return replace(source, country=target.country, code=actor_code(target.country, source.sector))


def _uncoded_people(token: Token | None, index: ActorIndex) -> EventActor | None:
    """A phrase of people no table codes ("five protesters" OPP, "Several thousand teachers" EDU) as a side with
    its sector and no country yet (``target_from_place`` gives one); None for things and for phrases that name
    no role."""
    sector = index.people_sector(token) if token is not None else None
    if token is None or sector is None:
        return None
    span = noun_phrase(token)
    return EventActor(span.text, span.start_char, span.end_char, span.text, None, sector, None, None)


def _unplaced_victims(verb: Token, index: ActorIndex) -> tuple[EventActor, Token] | None:
    """The object of a violent or coercive verb when it is people no table codes, with the object's token."""
    obj = _object(verb)
    victims = _uncoded_people(obj, index)
    return (victims, obj) if victims is not None and obj is not None else None


def _unplaced_people(anchor: Token, index: ActorIndex) -> EventActor | None:
    """The subject of a protest by people no table codes; None also for people at large ("thousands of people",
    CVL), who say no more than "thousands": the place alone speaks for them."""
    people = _uncoded_people(clause_subject(anchor), index)
    return people if people is not None and people.sector != "CVL" else None


# Prepositions whose object, inside the content of a promise/threat/demand, is the party it is done to.
CONTENT_PREPS = {"to", "with", "against", "on", "from", "into", "in", "toward", "towards", "for", "among", "between"}


def _content_targets(token: Token, anchor: Token, index: ActorIndex) -> list[tuple[EventActor, Token]]:
    """Actors named as the arguments of a trigger's complement clause (see ``_fire``), nearest first."""
    out: list[tuple[EventActor, Token]] = []
    hosts = list(dict.fromkeys((token, anchor)))
    # "insisted on its demands that Burundi's government grant": the clause of the trigger's prepositional object
    hosts += [g for h in hosts for p in h.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
    comps = [
        c for h in hosts for c in h.children
        if c.dep_ in ("xcomp", "ccomp") or (c.dep_ in ("acl", "advcl") and _to_infinitive(c))
        or (c.dep_ == "acl" and h not in (token, anchor) and any(m.dep_ == "mark" for m in c.children))
    ]  # fmt: skip
    seen = 0
    while comps and seen < 8:
        comp = comps.pop(0)
        seen += 1
        args: list[Token] = []
        for child in comp.children:
            if child.dep_ in ("dobj", "dative", "nsubjpass") or (child.dep_ == "nsubj" and comp.dep_ == "ccomp"):
                args.append(child)
                # "demand the resignation of Algeria's president": the object's of-phrase counts too
                args += [
                    g for p in child.children if p.dep_ == "prep" and p.lower_ in CONTENT_PREPS | {"of"}
                    for g in p.children
                ]  # fmt: skip
            elif child.dep_ == "prep" and child.lower_ in CONTENT_PREPS:
                args += [g for g in child.children if g.dep_ in ("pobj",)]
            elif child.dep_ in ("xcomp", "ccomp"):
                comps.append(child)
        for arg in args:
            for actor in index.event_actors(arg) or ([a] if (a := _inner_actor(arg, index)) else []):
                out.append((actor, arg))
    return out


# Dependents of a predicate that hold its arguments (searched for a target, in text order).
ARGUMENT_DEPS = {"dobj", "dative", "prep", "xcomp", "acomp", "attr", "oprd", "pobj", "acl"}


LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside"}


def _predicate_actors(
    token: Token, anchor: Token, index: ActorIndex, places_are_targets: bool = True
) -> list[tuple[EventActor, Token]]:
    """Actors with a country or code named in the arguments of a predicate, in text order: its objects, its
    non-background prepositional phrases, its infinitive and conditional clauses ("threatened to strike unless
    Israel rescinded …"). Pronouns, relative clauses' subjects and reported speech are not searched."""
    roots: list[Token] = []
    for host in dict.fromkeys((token, anchor)):
        for child in host.children:
            if child.i < host.i and child.dep_ != "dobj":
                continue
            if child.dep_ == "prep" and child.lower_ in BACKGROUND_PREPS | INSTRUMENT_PREPS - {"with"} | {"according"}:
                continue  # "according to Reuters" cites a source; it names no participant
            if child.dep_ in ARGUMENT_DEPS or (
                child.dep_ == "advcl"
                and (_to_infinitive(child) or any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in child.children))
            ):
                roots.append(child)
    tokens: list[Token] = []
    for root in roots:
        for tok in root.subtree:
            if tok.pos_ in ("NOUN", "PROPN") and not _under_background(tok, root):
                tokens.append(tok)
    found: list[tuple[EventActor, Token]] = []
    for tok in sorted(dict.fromkeys(tokens), key=lambda t: t.i):
        mention = index.token_mention.get(tok.i)
        if not places_are_targets and mention is not None and mention.kind == "capital" and (
            tok.head.lower_ in LOCATIVE_PREPS
        ):
            continue  # "will meet in Brussels": where a meeting happens is not whom it is with
        actor = index.event_actor(tok)
        if actor is not None and (actor.country or actor.code) and actor.sector != "MED":
            found.append((actor, tok))
    # an actor with a country first ("the peacekeeping force in Lebanon (UNIFIL)": Lebanon, not the UN force)
    return sorted(found, key=lambda item: not item[0].country)


def _under_background(tok: Token, root: Token) -> bool:
    """Whether ``tok`` sits in a background or instrument phrase, a relative clause or a quote inside ``root``."""
    for _ in range(40):
        if tok.i == root.i or tok.head.i == tok.i:
            return False
        if tok.dep_ == "prep" and tok.lower_ in BACKGROUND_PREPS:
            return True
        if (tok.dep_ == "relcl" and not _to_infinitive(tok)) or tok.dep_ in ("appos", "parataxis") or (
            tok.dep_ == "ccomp" and tok.i < tok.head.i
        ):
            return True
        tok = tok.head
    return False


def _same_country(source: EventActor | None, target: EventActor | None) -> bool:
    if source is None or target is None:
        return False
    return source.actor_id == target.actor_id or (source.country is not None and source.country == target.country)


def _protesters(entry: Entry, token: Token, anchor: Token, lexicon: Lexicon) -> bool:
    """A PROTEST act whose subject is a plain noun phrase of people ("students", "thousands of people")."""
    ptype, _ = entry_plover(entry, lexicon.info(entry.cameo))
    if ptype != "PROTEST" or (entry.pos == "NOUN" and anchor is token):
        return False
    subject = clause_subject(anchor)
    return subject is not None and subject.dep_ != "nsubjpass" and subject.pos_ in ("NOUN", "PROPN", "NUM")


# Types of act whose perpetrators and victims news often leaves unnamed ("gunmen", "a suicide bomber").
UNNAMED_TYPES = {"ASSAULT", "COERCE"}
UNNAMED_RULE = "+rule:unnamed-parties"
NO_PARTY_RULE = "+rule:no-coded-party"


def _unnamed_parties(entry: Entry, token: Token, lexicon: Lexicon) -> bool:
    """A violent verb whose subject (or passive subject) is a plain noun phrase no table codes."""
    ptype, _ = entry_plover(entry, lexicon.info(entry.cameo))
    if ptype not in UNNAMED_TYPES or token.pos_ != "VERB" or entry.pos == "NOUN":
        return False
    subject = clause_subject(token)
    return subject is not None and subject.pos_ in ("NOUN", "PROPN", "NUM")


def has_party(event: Event) -> bool:
    """Whether an event names a side: an act with unnamed parties and no place to give it one is dropped, and so
    is an act of "we" that no quote's speaker stands for."""
    return event.source is not None or event.target is not None or not (
        UNNAMED_RULE in event.extractor or NO_PARTY_RULE in event.extractor or FIRST_PERSON_RULE in event.extractor
    )


FIRST_PERSON_RULE = "+source:first-person"
# Speakers named only by a pronoun ("'We urge ...,' they said"): whom they stand for is a guess, so the quote's
# "we" stays unresolved.
PRONOUN_SPEAKERS = {"he", "she", "they", "it", "we", "i", "you"}


def _first_person(token: Token, anchor: Token) -> Token | None:
    """The first-person subject of a trigger's clause ("We killed", "I will urge") or the first-person possessor
    of a bare eventive noun ("our support for Kyiv"), if any."""
    words = load_role_cues().first_person
    if anchor is token and token.pos_ in ("NOUN", "PROPN"):
        return next((c for c in token.children if c.dep_ == "poss" and c.lower_ in words), None)
    subject = clause_subject(anchor)
    if subject is not None and subject.dep_ != "nsubjpass" and subject.lower_ in words:
        return subject
    return None


def quote_speakers(found: list[Found], quotes: list[Quote]) -> None:
    """The quote frame: an act told in the first person inside a direct quote is the speaker's ("'We support
    Mauritius,' Indian foreign secretary Vikram Misri said" → IND SUPPORT MUS). The source keeps the pronoun's
    span and takes the speaker's coding; a speaker with no country or code, or named only by a pronoun ("they
    said"), leaves the event as it was. The
    speaker is never made the source of any other act the quote reports ("'All on board were killed,' Mujahid
    said" has no source). The pipeline calls this once the quotes are known, before ``has_party``."""
    direct = [
        q for q in quotes
        if q.kind == "direct" and q.speaker is not None and (q.speaker.country or q.speaker.code)
        and q.speaker.text.lower() not in PRONOUN_SPEAKERS
    ]  # fmt: skip
    if not direct:
        return
    for item in found:
        event = item.event
        if FIRST_PERSON_RULE not in event.extractor or event.source is not None:
            continue
        pronoun = _first_person(item.trigger, item.anchor)
        if pronoun is None:
            continue
        quote = next((q for q in direct if q.start <= pronoun.idx < q.end), None)
        if quote is None or quote.speaker is None:
            continue
        speaker = quote.speaker
        event.source = replace(speaker, text=pronoun.text, start=pronoun.idx, end=pronoun.idx + len(pronoun.text))
        if event.target is not None and _same_country(event.source, event.target) and event.target.actor_id is None:
            event.target = None  # the place of one's own act ("we struck in Syria" said by a Syrian) is no target
        event.extractor += "+speaker"


def _background(noun: Token) -> bool:
    """Whether a bare eventive noun sits in a background phrase ("after 12 days of battles", "in the wake of
    the execution", "following the killing of"): the object of a BACKGROUND_PREPS preposition, directly or
    through "of" and a time or wake noun."""
    tok = noun
    for _ in range(4):
        if tok.dep_ != "pobj":
            return False
        prep = tok.head
        if prep.lower_ in BACKGROUND_PREPS or (prep.lower_ == "of" and prep.head.lower_ in WAKE_WORDS):
            return True
        if prep.lower_ != "of" or prep.head.lower_ not in BACKGROUND_NOUNS:
            return False
        tok = prep.head
    return False


def _pairs(
    sources: list[tuple[EventActor, Token]], targets: list[tuple[EventActor, Token]]
) -> Iterator[tuple[tuple[EventActor | None, Token | None], tuple[EventActor | None, Token | None]]]:
    left = sources or [(None, None)]
    right = targets or [(None, None)]
    for s in left:
        for t in right:
            yield s, t  # type: ignore[misc]


# PLOVER codes a stated future act by what it is now: a promise of cooperation is AGREE ("will provide aid",
# CAMEO 03x; "will support" is 032), a stated future act of conflict is THREATEN ("will impose sanctions", CAMEO 13x). Requests,
# statements keep their type, marked intended; a future meeting or visit is AGREE (CAMEO 036, "agree to meet").
INTENDED_RECODE = {
    "ASSAULT": ("138", "THREATEN"), "MOBILIZE": ("138", "THREATEN"), "COERCE": ("137", "THREATEN"),
    "SANCTION": ("1312", "THREATEN"), "PROTEST": ("130", "THREATEN"),
    "AID": ("033", "AGREE"), "COOPERATE": ("031", "AGREE"), "RETREAT": ("035", "AGREE"), "CONCEDE": ("035", "AGREE"),
    "CONSULT": ("036", "AGREE"), "SUPPORT": ("032", "AGREE"),
}  # fmt: skip


# Types whose acts fall on the people of a place: with no named target, the place's country is the target even
# when it is the source's own ("Egyptian police arrested 12 in Cairo" → EGY).
DOMESTIC_TYPES = {"ASSAULT", "COERCE", "PROTEST"}


# Meetings and talks happen somewhere without being done to it ("ministers will meet in Brussels"); a visit's
# place is its host, so visits keep the rule.
PLACE_IS_NOT_TARGET = {"CONSULT", "AGREE"}


def target_from_place(event: Event) -> None:
    """An event with a PLOVER type and no target takes its place's country as target, as PLOVER coders do
    ("killed 23 people in Tel Aviv" → ISR; "demonstrated in Kirkuk" → IRQ). At home only for DOMESTIC_TYPES
    (troops moved within their own country have no target). Needs the enrich stage's ``location``."""
    place = event.location
    if event.plover.type is None:
        return
    if event.plover.type == "PROTEST" and place is not None and place.country and _unplaced_protesters(event, place):
        # protesters are the people of the place ("ethnic Albanians demonstrated in Serbia" → SRB), before the
        # country of whom they protest against (see _home_source)
        src = event.source
        event.source = (
            _place_actor(event)
            if src is None
            else replace(src, country=place.country, code=actor_code(place.country, src.sector))
        )
        event.extractor += "+source:place"
    target = event.target
    if target is not None:
        if not target.country and place is not None and place.country and place.start is not None and (
            target.start <= place.start < target.end
        ):
            # "shelled Kharkiv": a target the actor tables do not know but the gazetteer places is its country
            event.target = replace(target, country=place.country, code=place.country)
            event.extractor += "+target:place-country"
        elif not target.country and target.sector and "+target:people" in event.extractor:
            # "arrested five protesters in Lahore": uncoded people are the people of the place, else of the state
            # that coerces them
            src = event.source
            if place is not None and place.country:
                country, rule = place.country, "+target:place-country"
            elif event.plover.type == "COERCE" and src is not None and src.country and src.sector in STATE_SECTORS:
                country, rule = src.country, "+target:home"
            else:
                return
            event.target = replace(target, country=country, code=actor_code(country, target.sector))
            event.extractor += rule
        return
    if event.plover.type in PLACE_IS_NOT_TARGET and event.plover.mode != "visit":
        return
    src = event.source
    if (place is None or not place.country) and event.plover.type == "COERCE" and src is not None and (
        src.country and len(src.country) == 3 and src.sector in STATE_SECTORS
    ):
        # "Egyptian police … arresting 12": a state's coercion with no named target or place falls on its people
        event.target = _home_actor(src)
        event.extractor += "+target:home"
        return
    if place is None or not place.country:
        if event.plover.type == "PROTEST" and event.source is not None and event.source.country:
            # a protest with no named target is against the protesters' own government
            event.target = _home_actor(event.source)
            event.extractor += "+target:home"
        return
    home = event.source.country if event.source is not None else None
    if place.country == home and event.plover.type not in DOMESTIC_TYPES:
        return
    event.target = _place_actor(event)
    event.extractor += "+target:place"


def _home_actor(source: EventActor) -> EventActor:
    """The country of an event's source as its target, on the source's span (acts that fall on its own people)."""
    return EventActor(source.text, source.start, source.end, source.country, source.country, None, source.country, None)  # type: ignore[arg-type]


def _unplaced_protesters(event: Event, place: Place) -> bool:
    """Protesters the text gives no country of their own: no source, a source with no country, or one that only
    took the country of whom it protests against."""
    src = event.source
    if src is None or not src.country:
        return True
    return "+source:target-country" in event.extractor and src.actor_id is None and src.country != place.country


def _place_actor(event: Event) -> EventActor:
    place = event.location
    assert place is not None
    text = place.text or place.name
    start = place.start if place.start is not None else event.trigger.start
    end = place.end if place.end is not None else event.trigger.end
    return EventActor(text, start, end, place.name, place.country, None, place.country, None)


def _conditional(anchor: Token) -> bool:
    """Whether an act is offered or threatened on a condition ("will withdraw its force unless …", "may halt
    mediation if …"): a conditioned act is a promise or a threat (see INTENDED_RECODE)."""
    heads = [anchor, anchor.head] if anchor.dep_ in ("xcomp", "conj") else [anchor]
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children)
        for h in heads for c in h.children
    )  # fmt: skip


def _recode(event: Event, lexicon: Lexicon, why: str) -> None:
    code, ptype = INTENDED_RECODE[event.plover.type]  # type: ignore[index]
    info = lexicon.info(code)
    event.extractor += f"+{why}:{event.plover.type}->{ptype}"
    event.plover = Plover(ptype, None)
    event.cameo = Cameo(code=code, root=code[:2], quad_class=info.quad_class, goldstein=info.goldstein)


def recode_intended(event: Event, lexicon: Lexicon) -> None:
    """The engine's step after enrichment (the pipeline calls it once per event, with status and place known):
    give an intended material act the code of the promise or threat it is (see INTENDED_RECODE), and give a
    target-less event its place's country (``target_from_place``)."""
    target_from_place(event)
    if event.status != "intended" or event.plover.type not in INTENDED_RECODE:
        return
    _recode(event, lexicon, "intended")
