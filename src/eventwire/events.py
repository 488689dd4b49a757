"""Events: predicates with their arguments, coded by the lexicon into CAMEO and PLOVER.

For every fully analysed sentence, each token whose lemma is a lexicon trigger is tried against that lemma's
entries (``lexicon.py`` documents the schema). An entry fires when its requirements hold (a particle, a light
verb for an eventive noun, a preposition, an object or complement lemma, a negation); its source and target are
read from the argument roles it lists, and resolved to coded actors by the actor index. Coordinated arguments
("Russia and China signed") give one event per actor. Each event names the entry that made it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .actors import ActorIndex, clause_subject
from .lexicon import Entry, Lexicon, entry_plover
from .model import Cameo, Event, EventActor, Plover, TextSpan
from .nlp import is_parsed

# Events inside the complement of these CAMEO roots are their content, not separate events: "urged Trump to
# continue supporting Kyiv" is one appeal (02), "invited Trump to visit" one invitation (03), "declined to
# comment" one refusal (01); the inner verb is what was asked, offered, refused or threatened.
COMPLEMENT_ROOTS = {"01", "02", "03", "10", "12", "13"}
COMPLEMENT_DEPS = {"xcomp", "pcomp"}
# Prepositions that name the means of an act ("attacked with drones"), whose words may refine its code.
INSTRUMENT_PREPS = {"with", "by", "using", "via", "through"}
# Modifier positions where a verb form is not a predicate ("pressing issues", "a wanted man").
NOT_PREDICATE_DEPS = {"amod", "compound", "nmod", "npadvmod"}


@dataclass
class Found:
    """An event with the tokens it was read from (kept for the enrich stage; not part of the output)."""

    event: Event
    trigger: Token
    entry: Entry
    target_token: Token | None
    anchor: Token  # the light verb of an eventive noun, else the trigger itself


def extract_events(doc: Doc, index: ActorIndex, lexicon: Lexicon, document_id: str) -> list[Found]:
    """Every event of the article, in text order."""
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
                fired = list(_fire(entry, token, index, lexicon))
                for source, target, target_tok, anchor, code, mode in fired:
                    event = _event(doc, sent_index, token, entry, lexicon, source, target, code, mode, document_id)
                    found.append(Found(event, token, entry, target_tok, anchor))
                if fired:
                    break  # the first entry of a lemma that fires wins (entries are ordered specific first)
    kept = _dedupe(_drop_contents(_drop_media_statements(found)))
    for number, item in enumerate(kept, start=1):
        item.event.id = f"{document_id}:e{number}"
    return kept


def _drop_contents(found: list[Found]) -> list[Found]:
    """Drop events that are the content of another event's complement (see COMPLEMENT_ROOTS)."""
    inside: set[int] = set()
    for item in found:
        if item.event.cameo.root in COMPLEMENT_ROOTS:
            hosts = {item.trigger, item.anchor}
            hosts |= {c for h in hosts for c in h.children if c.dep_ in ("dobj", "attr")}
            for host in hosts:
                for child in host.children:
                    if (
                        child.dep_ in COMPLEMENT_DEPS
                        or (child.dep_ in ("acl", "advcl") and _to_infinitive(child))
                        or (child.dep_ == "prep" and (item.event.cameo.root == "01" or host.dep_ == "dobj"))
                    ):
                        inside.update(t.i for t in child.subtree)
    return [item for item in found if item.trigger.i not in inside and item.anchor.i not in inside]


def _drop_media_statements(found: list[Found]) -> list[Found]:
    """A news outlet "reporting" something is a cited source (attribution), not a political statement."""
    return [
        item
        for item in found
        if not (item.event.cameo.root == "01" and item.event.source is not None and item.event.source.sector == "MED")
    ]


def _dedupe(found: list[Found]) -> list[Found]:
    """One event per trigger, code and actor pair (a trigger matched through two routes is one event)."""
    seen: set[tuple] = set()
    kept = []
    for item in found:
        e = item.event
        key = (e.trigger.start, e.cameo.code, e.source and e.source.actor_id, e.target and e.target.actor_id)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


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
    if noun.dep_ not in ("dobj", "nsubjpass", "attr", "pobj", "conj") or head is noun:
        return None
    if noun.dep_ == "pobj":
        return None
    if noun.dep_ == "conj":
        return _light_verb(entry, head) if head.pos_ in ("NOUN", "PROPN") else None
    for lv in entry.light_verbs:
        words = lv.split()
        if head.lemma_.lower() == words[0] and (
            len(words) == 1 or any(c.dep_ == "prt" and c.lower_ == words[1] for c in head.children)
        ):
            return head
    return None


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
    if entry.particle and entry.particle not in particles:
        return False
    if not entry.particle and particles & lexicon.particles.get((entry.lemma, entry.pos), set()):
        return False  # "backed down" is not "backed": another entry of the word names that particle
    if req.negated and not _negated(anchor):
        return False
    obj = _object(anchor if entry.pos == "NOUN" else token)
    if req.object:
        lemmas = {obj.lemma_.lower()} if obj is not None else set()
        # "a request for comment": the object's for-complement counts too
        if obj is not None:
            lemmas |= {g.lemma_.lower() for p in obj.children if p.dep_ == "prep" for g in p.children}
        for p in token.children:
            if p.dep_ == "prep":
                for g in p.children:
                    lemmas.add(g.lemma_.lower())
                    lemmas |= {h.lemma_.lower() for q in g.children if q.dep_ == "prep" for h in q.children}
        if not lemmas & set(req.object):
            return False
    if req.not_object and obj is not None and obj.lemma_.lower() in req.not_object:
        return False
    if req.complement:
        comps = {c.lemma_.lower() for c in token.children if c.dep_ in ("xcomp", "ccomp", "pcomp", "dobj")}
        comps |= {c.lemma_.lower() for c in token.children if c.dep_ in ("advcl", "acl") and _to_infinitive(c)}
        comps |= {g.lemma_.lower() for c in token.children if c.dep_ == "prep" for g in c.children}
        if not comps & set(req.complement):
            return False
    return not req.prep or any(_prep_objects(token, anchor, p) for p in req.prep)


def _to_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _prep_objects(token: Token, anchor: Token, prep: str) -> list[Token]:
    """Objects of preposition ``prep`` on the trigger, its light verb or its direct object."""
    words = prep.split()
    hosts = [token, anchor] + [c for c in (token, anchor) for c in c.children if c.dep_ in ("dobj",)]
    out: list[Token] = []
    for host in dict.fromkeys(hosts):
        for child in host.children:
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ == words[0]:
                out += [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
    return out


def _role_tokens(role: str, token: Token, anchor: Token) -> list[Token]:
    """Tokens that fill ``role`` for a trigger (``anchor`` is the light verb for nouns, else the trigger)."""
    if role == "nsubj":
        subject = clause_subject(anchor)
        return [subject] if subject is not None and subject.dep_ != "nsubjpass" else []
    if role == "light_subj":
        if anchor is token:
            return []
        subject = clause_subject(anchor)
        return [subject] if subject is not None else []
    if role == "nsubjpass":
        return [c for c in anchor.children if c.dep_ == "nsubjpass"]
    if role == "agent":
        return [g for c in anchor.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if role == "dobj":
        obj = _object(token)
        return [obj] if obj is not None else []
    if role == "dative":
        out = [c for c in token.children if c.dep_ in ("dative", "iobj")]
        return out + _prep_objects(token, anchor, "to")
    if role == "poss":
        return [c for c in token.children if c.dep_ == "poss"]
    if role == "compound":
        return [c for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i]
    if role == "xcomp_obj":
        return [o for c in token.children if c.dep_ == "xcomp" for o in c.children if o.dep_ == "dobj"]
    if role.startswith("prep:"):
        return _prep_objects(token, anchor, role[5:])
    return []


def _resolve_role(roles: list[str], token: Token, anchor: Token, index: ActorIndex) -> list[tuple[EventActor, Token]]:
    for role in roles:
        for tok in _role_tokens(role, token, anchor):
            resolved = []
            for member in [tok, *_conjuncts(tok)]:
                actor = index.event_actor(member) or _inner_actor(member, index)
                if actor is not None:
                    resolved.append((actor, member))
            if resolved:
                return resolved
    return []


def _inner_actor(token: Token, index: ActorIndex) -> EventActor | None:
    """An actor named inside a phrase whose head is not one ("the Trump-Putin call", "Ukrainian cities")."""
    for child in token.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < token.i:
            actor = index.event_actor(child)
            if actor is not None:
                return actor
    return None


def _conjuncts(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ == "conj"]


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
    for key, mod in entry.modifiers.items():
        if all(part in words for part in key.lower().split()):
            return mod.cameo or code, mod.mode
    return code, mode


def _fire(
    entry: Entry, token: Token, index: ActorIndex, lexicon: Lexicon
) -> Iterator[tuple[EventActor | None, EventActor | None, Token | None, Token, str, str | None]]:
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
        source_roles = [r for r in source_roles if r in ("poss", "compound") or r.startswith("prep:")]
    sources = _resolve_role(source_roles, token, anchor, index)
    targets = _resolve_role(target_roles, token, anchor, index)
    if entry.symmetric and len(sources) > 1 and not targets:
        # "Trump and Putin had spoken": coordinated subjects of a symmetric act are each other's partners
        sources, targets = sources[:1], sources[1:2]
    if not sources and not targets or (entry.requires.target and not targets):
        return
    code, mode = _refine(entry, token, anchor)
    for (source, _), (target, target_tok) in _pairs(sources, targets):
        if source is not None and target is not None and source.actor_id == target.actor_id:
            target, target_tok = None, None
        yield source, target, target_tok, anchor, code, mode


def _pairs(
    sources: list[tuple[EventActor, Token]], targets: list[tuple[EventActor, Token]]
) -> Iterator[tuple[tuple[EventActor | None, Token | None], tuple[EventActor | None, Token | None]]]:
    left = sources or [(None, None)]
    right = targets or [(None, None)]
    for s in left:
        for t in right:
            yield s, t  # type: ignore[misc]


# PLOVER codes a stated future act by what it is now: a promise of cooperation is AGREE ("will provide aid",
# CAMEO 03x), a stated future act of conflict is THREATEN ("will impose sanctions", CAMEO 13x). Requests,
# meetings and statements keep their type, marked intended.
INTENDED_RECODE = {
    "ASSAULT": ("138", "THREATEN"), "MOBILIZE": ("138", "THREATEN"), "COERCE": ("137", "THREATEN"),
    "SANCTION": ("1312", "THREATEN"), "PROTEST": ("130", "THREATEN"),
    "AID": ("033", "AGREE"), "COOPERATE": ("031", "AGREE"), "RETREAT": ("035", "AGREE"), "CONCEDE": ("035", "AGREE"),
}  # fmt: skip


def recode_intended(event: Event, lexicon: Lexicon) -> None:
    """Give an intended material act the code of the promise or threat it is (see INTENDED_RECODE)."""
    if event.status != "intended" or event.plover.type not in INTENDED_RECODE:
        return
    code, ptype = INTENDED_RECODE[event.plover.type]
    info = lexicon.info(code)
    event.extractor += f"+intended:{event.plover.type}->{ptype}"
    event.plover = Plover(ptype, None)
    event.cameo = Cameo(code=code, root=code[:2], quad_class=info.quad_class, goldstein=info.goldstein)
