"""Actors: find who the article talks about, resolve every mention to one actor, and code it.

Rules over the parse and the knowledge tables (``knowledge.py``), in this order:

1. Names: spaCy's entities (parsed sentences) and a phrase matcher over every name the knowledge tables know
   (all sentences, parsed or not: the cheap pass that keeps name chains whole across the article).
2. People: one actor per person. A surname or a shorter form later in the article ("Trump" after "Donald Trump",
   "President Biden" after "President Joe Biden") joins the chain of the full name. A person is coded from the
   office-holder table on the publication date, else from the title words before the name ("Russian President
   Vladimir Putin": demonym → country, role noun → sector; "Taliban spokesman Zabihullah Mujahid": an armed
   group's people are the group) or an apposition, either way round ("Trump's communications director, Steven
   Cheung", "Chris Tang, Hong Kong's police commissioner,": the possessor's or modifier's country, the role's
   sector).
3. States: country names, demonyms standing alone and capitals ("Moscow said") are the country's actor.
4. Organisations and groups from the table; unknown organisations keep their name with no code, except one named
   by a country and a role ("US Navy" → USAMIL). A role phrase the NER calls an organisation ("defence ministry")
   and a surname of a person named in full are left to rules 5 and 2.
5. Sector phrases, on demand when an event or quote needs them: "Ukraine's foreign ministry", "the Russian
   embassy in Washington", "Israeli troops" → country from the possessor, modifier or "of"-phrase, sector from
   the role noun; a group's people are the group ("Hamas officials"). A definite role noun with no owner ("the
   army") refers back to the nearest earlier phrase of the same noun that has one, and so does a bare subject
   naming a force ("Riot police" after "Police in Georgia").
6. Pronouns: he/him/his/she/her → the nearest person before it who is not the subject of the pronoun's own
   clause (binding: in "Trump spoke with Putin, advising him", *him* is not Trump); it/its/they/them → the
   nearest non-person actor, standing for the whole phrase it was named in ("Iraq's interim government … it");
   "it" is never a plural or coordinated phrase ("Iranian officials", "Kenya and Uganda"), and a plural pronoun
   whose antecedent is one member of a coordination stands for every member ("tariffs on Mexico, Canada and China
   to pressure them": three targets);
   the subject of a reported clause is its speaker ("the State Department said it was concerned"), the owner in
   a trailing reporting clause is the reported clause's subject ("Trudeau spoke …, his office said"), and a
   relative pronoun is the noun its clause modifies.
7. Pairs: "both countries", "the two sides", "both countries' foreign ministers" and unnamed forces doing a
   reciprocal act ("border troops exchanged fire") stand for the article's dyad: the nearest coordinated pair of
   states before the phrase ("Kyrgyzstan and Tajikistan"), else the two most-mentioned countries.
8. PETRARCH dictionaries, when loaded: a person or group only they know carries their code ("BRE"), and an agent
   noun combines with its owner's code by PETRARCH's rule ("Arnor's foreign minister" → ARN + ~GOVFRM).
9. Roles alone: a role noun the text gives no owner ("Police arrested …", "security forces", "20 protesters",
   "the government") is still a party of its event (one ``sector`` actor per role noun), so an event whose parties
   are all such roles is kept. After enrichment (``locate_roles``) such a side takes its country from its own
   phrase ("residents of Goma"), else the place its sentence names (the enrich stage's place, or "in Nigeria"),
   else the article's home country: its dateline ("MOGADISHU, Somalia (AP) —"), else the country named at least
   three times and twice as often as any other. ``EventActor.country_from`` records which: "text" | "place" |
   "article" (None with no country). A state's coercion of a role without a place falls on its own people. A
   person the tables and the text give no country takes the article's home (never the place: a visitor speaks
   where they are); a role's of/for-object names its owner ("a spokesman for the U.S. military" → USA).
   Finally (``finish_sides``) an intergovernmental body and its officials take CAMEO's country slot "IGO".
10. Credits: a line's dateline ("KYIV, Ukraine (AP) —"), an agency credit ending a line ("— AFP") or standing
   alone ("VOA News"), and a byline ("By Jane Doe, VOA News") are never actors (``credit_tokens``); the dateline
   still gives the article its home country (rule 9).

Names are read whole: the longest form a table knows wins, modifiers included ("North Korean troops" is PRK, not
the "Korean" of South Korea), and a geographic name that holds a country's name ("Sea of Japan", "Taiwan
Strait", ``data/geographic.tsv``) is no actor and gives no country.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .knowledge import ActorKnowledge, Country, Match, OfficeTerm, Organization, normalize_surface
from .model import Actor, Event, EventActor, Mention
from .petrarch_dict import combine_codes

# Heads of quantity phrases whose actor is their of-object ("thousands of Iraqi Kurds").
QUANTITY_HEADS = {
    "thousand", "hundred", "dozen", "million", "score", "group", "crowd", "number", "some", "many", "most", "all",
    "band", "batch", "contingent", "delegation", "team", "unit", "handful", "majority", "members", "member",
    "inhabitant", "resident", "population", "people", "citizen", "part",
}  # fmt: skip
PERSONAL_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "they", "them", "their", "itself", "themselves"}
SINGULAR_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
TITLE_POS = {"PROPN", "NOUN", "ADJ"}
NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
OBJECT_DEPS = {"dobj", "pobj", "dative", "iobj", "obj"}
# "both countries", "the two sides": nouns that, counted as a pair, stand for the article's two parties.
DYAD_NOUNS = {"country", "side", "nation", "state", "neighbour", "neighbor", "party", "government", "capital"}
DYAD_WORDS = {"both", "two"}
# Acts done to each other: unnamed forces doing them ("border troops exchanged fire") are both parties' forces.
RECIPROCAL_VERBS = {"exchange", "trade", "clash", "skirmish"}
# Group and person nouns whose actor is the one that leads them or that they head ("delegations led by the
# heads of both countries' security services").
LED_HEADS = {"delegation", "team", "head", "chief", "leader", "representative", "envoy", "official"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# Prepositions of a role phrase that say where its people are or come from ("residents of Goma", "police in Lagos").
PHRASE_PREPS = {"of", "in", "from", "at", "near", "across", "inside", "throughout"}


RELATIVE_PRONOUNS = {"which", "who", "that"}
# Sectors of armed and police forces: a bare subject naming one refers back to the force named before.
FORCE_SECTORS = {"MIL", "COP", "REB", "SPY"}
# Determiners that make a role noun refer back to one already named ("the army", "these forces").
DEFINITE_DETS = {"the", "this", "that", "these", "those"}


@dataclass
class ActorIndex:
    """The article's actors and which tokens mention them; answers "who is this token?" for later stages."""

    doc: Doc
    knowledge: ActorKnowledge
    on: dt.date | None
    actors: dict[str, Actor] = field(default_factory=dict)
    token_actor: dict[int, str] = field(default_factory=dict)  # token index → actor id
    token_mention: dict[int, Mention] = field(default_factory=dict)
    # token index → the country its longest name match stands for, modifiers included ("North Korean" in "North
    # Korean troops" is North Korea, never the "Korean" of South Korea)
    token_country: dict[int, Country] = field(default_factory=dict)
    # tokens of geographic names that are no actor ("Sea of Japan", "Taiwan Strait"): no country is read from them
    geographic: set[int] = field(default_factory=set)
    _person_keys: dict[str, str] = field(default_factory=dict)  # lower name form → actor id
    _home: tuple[Country | None] | None = None  # the article's home country, once worked out
    _counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    # ------------------------------------------------------------------ building
    def new_actor(self, name: str, **kw: object) -> Actor:
        actor = Actor(id=f"A{next(self._counter)}", name=name, **kw)  # type: ignore[arg-type]
        self.actors[actor.id] = actor
        return actor

    def add_mention(self, actor: Actor, start: int, end: int, kind: str) -> None:
        """Record tokens ``start:end`` of the doc as a mention of ``actor`` (first claim wins)."""
        if any(i in self.token_actor for i in range(start, end)):
            return
        span = self.doc[start:end]
        mention = Mention(span.text, span.start_char, span.end_char, actor.id, kind)
        actor.mentions.append(mention)
        for i in range(start, end):
            self.token_actor[i] = actor.id
            self.token_mention[i] = mention

    def state_actor(self, country: Country, sector: str | None = None, name: str | None = None) -> Actor:
        """The actor of a country (``sector`` None) or of one of its sectors, created on first use."""
        for actor in self.actors.values():
            same = actor.kind in ("state", "organization") and actor.country == country.iso3
            if same and actor.sector == sector and (sector is not None or actor.kind == "state"):
                return actor
        if sector is None:
            return self.new_actor(
                country.name, kind="state", country=country.iso3, code=country.iso3, knowledge="countries.tsv"
            )
        return self.new_actor(
            name or f"{country.name} ({sector})",
            kind="organization",
            country=country.iso3,
            sector=sector,
            code=country.iso3 + sector,
            knowledge="countries.tsv+sectors.tsv",
        )

    # ------------------------------------------------------------------ questions asked by later stages
    def actor_of(self, token: Token) -> Actor | None:
        actor_id = self.token_actor.get(token.i)
        return self.actors.get(actor_id) if actor_id else None

    def resolve(self, token: Token) -> Actor | None:
        """The actor a phrase headed by ``token`` stands for (a name, a pronoun, or a coded sector phrase)."""
        actor = self.actor_of(token)
        if actor is not None:
            return actor
        low = token.lower_
        if low in RELATIVE_PRONOUNS and token.dep_ in SUBJECT_DEPS and token.head.dep_ == "relcl":
            return self.resolve(token.head.head)  # "Egypt, which has mediated …": the noun the clause modifies
        if low in PERSONAL_PRONOUNS or low in THING_PRONOUNS:
            return self._pronoun(token)
        if token.pos_ in ("NOUN", "PROPN"):
            return self._sector_phrase(token)
        if token.pos_ == "ADJ" and token.dep_ in ("amod", "compound") and token.text[:1].isupper():
            country = self._country_of(token)  # "Palestinian riots": the demonym's state
            if country is not None:
                actor = self.state_actor(country)
                self.add_mention(actor, token.i, token.i + 1, "demonym")
                return actor
        return None

    def event_actor(self, token: Token) -> EventActor | None:
        """An event participant for the phrase headed by ``token``: its span plus the coded actor."""
        for child in token.children:
            if child.dep_ == "appos" and self.actor_of(token) is None and self.actor_of(child) is not None:
                # "Trump's communications director, Steven Cheung": the named person; a name is never replaced
                # by its apposition ("refugees in Liberia, the World Food Program said": a misparse)
                token = child
                break
        actor = self.resolve(token)
        if actor is None:
            return None
        mention = self.token_mention.get(token.i)
        if mention is not None:
            text, start, end = mention.text, mention.start, mention.end
        else:
            span = noun_phrase(token)
            text, start, end = span.text, span.start_char, span.end_char
        return EventActor(text, start, end, actor.name, actor.country, actor.sector, actor.code, actor.id)

    def event_actors(self, token: Token) -> list[EventActor]:
        """Every event participant a phrase stands for: one actor, each party of a pair ("both sides"), or a
        role the text gives no owner ("police", "20 protesters": rule 9)."""
        single = self.event_actor(token)
        if single is not None:
            members = self.coordinated(token)
            if members:  # "tariffs on Mexico, Canada and China to pressure them": each of them
                return [replace(single, name=a.name, country=a.country, sector=a.sector, code=a.code, actor_id=a.id)
                        for a in members]  # fmt: skip
            return [single]
        span = noun_phrase(token)
        pair = [
            EventActor(span.text, span.start_char, span.end_char, a.name, a.country, a.sector, a.code, a.id)
            for a in self.group(token)
        ]
        if pair:
            return pair
        role = self.role_actor(token)
        return [role] if role is not None else []

    def role_actor(self, token: Token) -> EventActor | None:
        """A phrase of a role with no owner in the text ("Police arrested …", "security forces", "20
        protesters", "the government"): a side with its sector and, for now, no country (``locate_roles``
        gives one from the sentence's place or the article's home). One actor per role noun in the article."""
        if token.pos_ not in ("NOUN", "PROPN", "NUM") or token.lower_ in THING_PRONOUNS | PERSONAL_PRONOUNS:
            return None
        noun = next(iter(_of_objects(token)), token) if _is_quantity(token) else token
        if noun.pos_ == "PROPN":
            entry = self.knowledge.sector_entry(noun.lower_)
            if entry is None or noun.i != noun.sent.start:  # "Police arrested …": a capital only at the start
                return None
        elif noun.pos_ != "NOUN":
            return None
        if any(c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i and self.resolve(c) is not None
               for c in noun.children):  # fmt: skip
            return None  # "its troops", "Trump's officials": an owner the text names, not a role alone
        agent = self._role_agent(noun)
        if agent is None:
            return None
        sector = agent.strip("~")[:3]
        name = _compound_text(noun)
        actor = next(
            (a for a in self.actors.values() if a.kind == "sector" and a.name == name and a.sector == sector), None
        ) or self.new_actor(name, kind="sector", sector=sector, knowledge="rule:role")
        span = noun_phrase(token)
        self.add_mention(actor, span.start, span.end, "role")
        own = self._phrase_country(token)
        if own is not None:  # "families displaced by the drought in Somalia": its own phrase places it
            return EventActor(span.text, span.start_char, span.end_char, name, own.iso3, sector,
                              actor_code(own.iso3, sector), actor.id, "text")  # fmt: skip
        return EventActor(span.text, span.start_char, span.end_char, name, None, sector, None, actor.id)

    def _phrase_country(self, token: Token) -> Country | None:
        """The one country a state named inside a role phrase's own modifiers stands for ("residents of a village
        in Somalia", "families displaced by the drought in Somalia"); None when it names none or several."""
        found: set[str] = set()
        for child in token.children:
            if child.dep_ == "acl" or (child.dep_ == "prep" and child.lower_ in PHRASE_PREPS):
                for tok in child.subtree:
                    actor = self.actor_of(tok)
                    if actor is not None and actor.kind == "state" and actor.country and not against_modifier(tok):
                        found.add(actor.country)
        if len(found) != 1:
            return None
        return self.knowledge.countries.get(found.pop())

    def group(self, token: Token, depth: int = 0) -> list[Actor]:
        """The actors a plural phrase stands for together (rules 7): [] when it is not such a phrase."""
        if depth > 4 or token.pos_ not in ("NOUN", "PROPN"):
            return []
        lemma = token.lemma_.lower()
        if lemma in DYAD_NOUNS and any(c.lower_ in DYAD_WORDS for c in token.children if c.i < token.i):
            return [self.state_actor(c) for c in self.dyad(token)]
        owners: list[Actor] = []
        for child in token.children:
            if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ == "of" and lemma not in LED_HEADS):
                inner = child if child.dep_ == "poss" else next((g for g in child.children if g.dep_ == "pobj"), None)
                if inner is not None and not owners:
                    owners = self.group(inner, depth + 1)
        if lemma in LED_HEADS and not owners:
            for child in token.children:
                led = [child] if child.dep_ == "prep" and child.lower_ == "of" else []
                if child.dep_ == "acl" and child.lemma_ == "lead":
                    led = [c for c in child.children if c.dep_ == "agent"]
                for prep in led:
                    for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                        found = self.resolve(pobj)
                        owners = [found] if found is not None else self.group(pobj, depth + 1)
                        if owners:
                            return owners
        agent = self.agent_of(_compound_text(token))
        if not owners and agent is not None and token.tag_ in ("NNS", "NNPS") and not self._country_modifier(token):
            verb = token.head if token.dep_ in SUBJECT_DEPS else None
            if verb is not None and verb.lemma_.lower() in RECIPROCAL_VERBS:
                owners = [self.state_actor(c) for c in self.dyad(token)]
        if not owners:
            return []
        if agent is None:
            return owners if lemma in LED_HEADS else []
        return [self.agent_actor(owner, agent, f"{owner.name} ({token.text})") for owner in owners]

    def dyad(self, token: Token) -> list[Country]:
        """The article's two parties as of ``token``: the nearest coordinated pair of states before it ("X and
        Y"), else the two most-mentioned countries when a third does not tie with the second."""
        countries = self.knowledge.countries
        for i in range(token.i - 1, -1, -1):
            actor = self.actor_of(self.doc[i])
            if actor is None or actor.kind != "state":
                continue
            for conj in self.doc[i].children:
                other = self.actor_of(conj) if conj.dep_ == "conj" else None
                if other is not None and other.kind == "state" and other.country != actor.country:
                    return [countries[actor.country], countries[other.country]]  # type: ignore[index]
        ranked = [c for c in self.country_counts().most_common(3) if c[0] in countries]
        if len(ranked) >= 2 and (len(ranked) == 2 or ranked[2][1] < ranked[1][1]):
            return [countries[ranked[0][0]], countries[ranked[1][0]]]
        return []

    def agent_of(self, phrase: str) -> str | None:
        """The agent code of a role noun phrase, as PETRARCH writes it ("~GOV", "NGO~"): a loaded PETRARCH agent
        dictionary answers first (its codes are finer: "~GOVFRM"), then the sectors table (rule 8)."""
        agents = self.knowledge.petrarch_agents
        if agents is not None:
            words = phrase.split()
            for i in range(len(words)):
                entry = agents.entry(" ".join(words[i:]))  # type: ignore[attr-defined]
                if entry is not None:
                    return entry.raw
        sector = self.knowledge.sector_of(phrase)
        return f"~{sector}" if sector else None

    def agent_actor(self, owner: Actor, agent: str, name: str) -> Actor:
        """The actor of an agent of ``owner`` ("Ukraine's foreign ministry"): the owner's code combined with the
        agent code by PETRARCH's rule; a country's agents are shared across the article."""
        sector = agent.strip("~")
        if owner.kind == "state" and owner.country in self.knowledge.countries and not agent.endswith("~"):
            return self.state_actor(self.knowledge.countries[owner.country], sector, name=name)  # type: ignore[index]
        code = combine_codes(owner.code or owner.country, agent)
        for actor in self.actors.values():
            if actor.code == code and actor.kind == "organization":
                return actor
        return self.new_actor(
            name, kind="organization", country=owner.country, sector=sector, code=code,
            knowledge=f"{owner.knowledge or owner.name}+agent:{agent}",
        )  # fmt: skip

    def span_actor(self, span: Span) -> EventActor | None:
        """The same for a span (quote speakers): resolved through its syntactic head."""
        return self.event_actor(span.root)

    def country_counts(self) -> Counter[str]:
        """How often each country is mentioned: the article's country context for place names."""
        counts: Counter[str] = Counter()
        for actor in self.actors.values():
            if actor.country and len(actor.country) == 3:
                counts[actor.country] += len(actor.mentions) or 1
        return counts

    def home_country(self) -> Country | None:
        """The article's home country (rule 9): its dateline's ("KYIV, Ukraine —", "MOGADISHU (AP) —"), else the
        country its actors name most when it is named at least three times and twice as often as any other."""
        if self._home is None:
            self._home = (self._dateline_country() or self._dominant_country(),)
        return self._home[0]

    def _dateline_country(self) -> Country | None:
        text = self.doc.text
        for line in [ln for ln in text[:2000].splitlines() if ln.strip()][:3]:
            found = DATELINE.match(line.strip())
            if found is None:
                continue
            for name in (found.group("country"), *found.group("city").split("/")):
                if name:
                    country = self.knowledge.country_of_name(name.strip().title()) or self.knowledge.country_of_name(
                        name.strip()
                    )
                    if country is not None:
                        return country
        return None

    def _dominant_country(self) -> Country | None:
        ranked = self.country_counts().most_common(2)
        if not ranked or ranked[0][0] not in self.knowledge.countries or ranked[0][1] < 3:
            return None
        if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
            return None
        return self.knowledge.countries[ranked[0][0]]

    # ------------------------------------------------------------------ rules
    def _pronoun(self, token: Token) -> Actor | None:
        personal = token.lower_ in PERSONAL_PRONOUNS
        excluded: set[str] = set()
        if token.dep_ in OBJECT_DEPS | {"poss"} and token.dep_ != "poss":
            verb = token.head if token.dep_ != "pobj" else token.head.head
            subject = clause_subject(verb)
            if subject is not None and subject.i in self.token_actor:
                excluded.add(self.token_actor[subject.i])
        if not personal and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT" and token.sent.start > 0:
            # "Kyrgyzstan's ministry accused … and demanded that Tajikistan pull back. It also summoned …": a main-clause
            # subject pronoun continues the previous sentence's main-clause subject
            before = self.doc[token.sent.start - 1].sent
            subject = clause_subject(before.root) if before.root.pos_ in ("VERB", "AUX") else None
            actor = self.resolve(subject) if subject is not None and subject.lower_ not in THING_PRONOUNS else None
            if actor is not None and actor.kind != "person" and not any(
                self.token_actor.get(i) is not None for i in range(token.sent.start, token.i)
            ):
                self.add_mention(actor, token.i, token.i + 1, "pronoun")
                return actor
        speaker = self._speaker(token, personal) or self._reporter_owner(token, personal)
        if speaker is not None:
            self.add_mention(speaker, token.i, token.i + 1, "pronoun")
            return speaker
        first = token.sent.start  # look back over this sentence and the one before it
        if first > 0:
            first = max(self.doc[first - 1].sent.start, first - 200)
        best: Actor | None = None
        for i in range(token.i - 1, max(first - 1, token.i - 120), -1):
            actor_id = self.token_actor.get(i)
            if actor_id is None or actor_id in excluded:
                continue
            actor = self._phrase_actor(self.doc[i], token) or self.actors[actor_id]
            if token.lower_ in SINGULAR_PRONOUNS and self._plural_mention(self.doc[i], token):
                continue  # "Iranian officials said they would retaliate against it": "it" is no plural phrase
            if (actor.kind == "person") == personal and actor.id not in excluded:
                best = actor
                break
        if best is not None:
            self.add_mention(best, token.i, token.i + 1, "pronoun")
        return best

    def _plural_mention(self, name: Token, before: Token) -> bool:
        """Whether the phrase a name token heads or modifies (ending before ``before``) is plural ("Iranian
        officials", "protesters") or a coordination ("Kenya and Uganda")."""
        head = name
        while head.dep_ in ("poss", "compound", "amod") and head.i < head.head.i < before.i:
            head = head.head
        if head.tag_ in ("NNS", "NNPS") and head.pos_ == "NOUN":
            return True
        return any(c.dep_ == "conj" for c in head.children) or head.dep_ == "conj"

    def coordinated(self, token: Token) -> list[Actor]:
        """For a plural pronoun ("them", "They") whose antecedent is one member of a coordination ("Mexico, Canada
        and China … to pressure them"), every member's actor; [] when the antecedent stands alone."""
        if token.lower_ not in PLURAL_PRONOUNS:
            return []
        actor = self.actor_of(token)
        if actor is None:
            return []
        mention = next((i for i in range(token.i - 1, max(-1, token.i - 250), -1) if self.token_actor.get(i) == actor.id
                        and self.token_mention[i].kind != "pronoun"), None)  # fmt: skip
        if mention is None:
            return []
        first = self.doc[mention]
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        members = [first]
        queue = [first]
        while queue:
            for child in queue.pop().children:
                if child.dep_ == "conj":
                    members.append(child)
                    queue.append(child)
        found: list[Actor] = []
        for member in sorted(members, key=lambda t: t.i):
            other = self.actor_of(member)
            if other is not None and other.kind != "person" and other not in found:
                found.append(other)
        return found if len(found) > 1 and actor in found else []

    def _phrase_actor(self, name: Token, before: Token) -> Actor | None:
        """The actor of the whole phrase a name modifies, when that phrase ends before ``before`` ("Iraq's interim
        government announced that it …": "it" is the government, not Iraq)."""
        head = name
        while head.dep_ in ("poss", "compound", "amod") and head.i < head.head.i < before.i:
            head = head.head
        return self.resolve(head) if head is not name and head.pos_ in ("NOUN", "PROPN") else None

    def _reporter_owner(self, token: Token, personal: bool) -> Actor | None:
        """The owner pronoun of a trailing reporting clause is the subject of the clause it reports ("Trudeau
        spoke with Trump by phone, his office said": Trudeau's office)."""
        noun, verb = token.head, token.head.head
        if token.dep_ != "poss" or noun.dep_ != "nsubj" or verb.i <= noun.i:
            return None
        reported = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < noun.i), None)
        subject = clause_subject(reported) if reported is not None else None
        if subject is None or subject.pos_ == "PRON":
            return None
        actor = self.resolve(subject)
        return actor if actor is not None and (actor.kind == "person") == personal else None

    def _speaker(self, token: Token, personal: bool) -> Actor | None:
        """The subject pronoun of a reported clause is its speaker ("French farmers said they would blockade
        Paris", "Yoruba leaders announced that they are willing"), when the speaker is a noun phrase of the
        pronoun's kind (a person for he/she, a plural or group for they, a state or body for it: "the State
        Department said it was concerned")."""
        if token.dep_ not in ("nsubj", "nsubjpass") or token.head.dep_ != "ccomp":
            return None
        if token.lower_ not in ("he", "she", "they", "it"):
            return None
        speaker = next((c for c in token.head.head.children if c.dep_ == "nsubj"), None)
        if speaker is None or speaker.pos_ == "PRON":
            return None
        actor = self.resolve(speaker)
        if actor is None or (actor.kind == "person") != personal:
            return None
        if token.lower_ == "they" and speaker.tag_ not in ("NNS", "NNPS") and speaker.lemma_.lower() not in QUANTITY_HEADS:
            return None
        return actor

    def _sector_phrase(self, token: Token) -> Actor | None:
        """A common-noun phrase as an actor: "Ukraine's foreign ministry" (UKRGOV), "Israeli tanks" (ISR),
        "thousands of Iraqi Kurds" (IRQ), "security forces in Guinea" (GINMIL)."""
        if _is_quantity(token):
            for pobj in _of_objects(token):
                found = self.resolve(pobj)
                if found is not None:
                    return found
            if token.pos_ == "NUM":
                return None
        agent = self._role_agent(token)
        if agent is None and token.tag_ not in ("NNS", "NNPS"):
            return None  # a plural noun of people or things ("Israeli tanks") stands for its country; "U.S. aid" does not
        span = noun_phrase(token)
        group = self._coded_owner(token) if agent is not None else None
        if group is not None and group.kind == "group":
            # "Hamas officials", "a Hezbollah spokesman": an armed or political group's people are the group
            self.add_mention(group, span.start, span.end, "role")
            return group
        country = self._country_modifier(token, located=agent is not None)
        if country is None:
            owner = self._coded_owner(token)
            if owner is None and agent is not None:
                return self._earlier_agent(token, agent)
            if owner is None or agent is None:
                return None
            # "leaders of the Azadliq coalition": an uncoded group's people are the group
            actor = self.agent_actor(owner, agent, span.text) if owner.code else owner
        elif agent is None:
            actor = self.state_actor(country)
        else:
            actor = self.agent_actor(self.state_actor(country), agent, span.text)
        self.add_mention(actor, span.start, span.end, "role")
        return actor

    def people_sector(self, token: Token) -> str | None:
        """The sector of a phrase of people the tables give no country ("thousands of teachers" EDU, "students"
        EDU, "protesters" OPP), through a quantity's of-object; None when its noun names no role."""
        if _is_quantity(token):
            token = next(iter(_of_objects(token)), token)
        if token.pos_ != "NOUN":
            return None
        agent = self._role_agent(token)
        return agent.strip("~")[:3] if agent else None

    def _role_agent(self, token: Token) -> str | None:
        """The agent code of a common noun with its compound modifiers, by lemma, by surface form ("security
        forces": the lemma "force" is no role), then of the noun alone."""
        return (
            self.agent_of(_compound_text(token))
            or self.agent_of(_compound_text(token, surface=True))
            or self.agent_of(token.lemma_.lower() or token.lower_)
        )

    def _earlier_agent(self, token: Token, agent: str) -> Actor | None:
        """A role noun the text gives no owner refers back to one it gave an owner before:

        * a definite phrase ("the army") to the nearest earlier phrase of the same noun that has one ("Sudan's
          army said … accused the army of bombing": SDNMIL);
        * a bare subject of a force ("Riot police used water cannon") to the nearest earlier phrase of the same
          noun that has an owner ("Police in Georgia detained 40 …": GEOCOP) — whoever acts in a story about a
          country's police is that police. Anonymous officials and diplomats are not linked.

        An indefinite or bare phrase elsewhere ("an army", "moved additional troops") may introduce someone new:
        it stays uncoded."""
        definite = any(c.dep_ == "det" and c.lower_ in DEFINITE_DETS for c in token.children)
        subject = token.dep_ in SUBJECT_DEPS and not any(
            c.dep_ in ("det", "poss", "nummod", "prep", "conj", "acl", "relcl", "appos") for c in token.children
        )  # a bare subject: "the two countries' ministers", "police from both sides" name their owners
        if not (definite or subject):
            return None
        lemma, sector = token.lemma_.lower(), agent.strip("~")
        if not definite and sector not in FORCE_SECTORS:
            return None  # "diplomats said": anonymous people are not the article's earlier officials
        for i in range(token.i - 1, max(-1, token.i - 600), -1):
            earlier = self.doc[i]
            if earlier.pos_ != "NOUN" or earlier.lemma_.lower() != lemma:
                continue
            if self._country_modifier(earlier, located=True) is None and i not in self.token_actor:
                continue
            actor = self.resolve(earlier)
            if actor is not None and actor.country and actor.sector:
                start = min([c.i for c in token.lefts] + [token.i])
                self.add_mention(actor, start, token.i + 1, "role")
                return actor
        return None

    def _coded_owner(self, token: Token) -> Actor | None:
        """An owner coded only by a loaded PETRARCH dictionary ("Arnor's foreign minister": ARN), else None."""
        for child in token.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod") or (child.dep_ == "prep" and child.lower_ == "of"):
                inner = [child] if child.dep_ != "prep" else [g for g in child.children if g.dep_ == "pobj"]
                for tok in inner:
                    actor = self.actor_of(tok) if not against_modifier(tok) else None
                    if actor is not None and actor.kind in ("organization", "group", "state"):
                        return actor
        return None

    def _country_modifier(self, token: Token, located: bool = False) -> Country | None:
        """The country a noun phrase belongs to: possessor, demonym/country modifier, or an of/from-phrase
        (and, for a role noun, an in-phrase: "security forces in Guinea")."""
        for child in token.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod") and not against_modifier(child):
                country = self._country_of(child)
                if country is None and child.dep_ == "compound" and child.pos_ == "NOUN":
                    # "South Korean army officers": the demonym modifies the compound noun
                    country = next(
                        (c for g in child.children if g.dep_ in ("amod", "compound", "poss") and not against_modifier(g)
                         for c in [self._country_of(g)] if c is not None),
                        None,
                    )  # fmt: skip
                if country is not None:
                    return country
        preps = ("of", "from", "in", "for") if located else ("of", "from")
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        # "a spokesman for the U.S. military": the owner of the of/for-object's own phrase
                        country = self._country_of(pobj) or (
                            self._country_modifier(pobj) if pobj.pos_ == "NOUN" and located else None
                        )
                        if country is not None:
                            return country
        return None

    def _country_of(self, token: Token) -> Country | None:
        if token.i in self.geographic:
            return None  # "the Sea of Japan": a place, not Japan
        if token.i in self.token_country:
            return self.token_country[token.i]
        actor = self.actor_of(token)
        if actor is not None and actor.country and actor.country in self.knowledge.countries:
            return self.knowledge.countries[actor.country]
        names = [c for c in token.lefts if c.dep_ == "compound"]  # "Hong Kong's police": the whole name
        start = token.left_edge.i if token.dep_ == "compound" else (names[0].i if names else token.i)
        text = self.doc[start : token.i + 1].text
        country = self.knowledge.country_of_name(text) or self.knowledge.country_of_name(token.text)
        if country is None and token.pos_ == "PROPN" and token.dep_ not in ("compound", "amod"):
            for child in token.children:  # "the Syrian Golan Heights": a place its demonym names
                if child.dep_ in ("compound", "amod") and child.i < token.i and not against_modifier(child):
                    country = self.knowledge.country_of_name(child.text)
                    if country is not None:
                        break
        return country


# A dateline at the start of a line: "KYIV, Ukraine —", "MOGADISHU, Somalia (AP) —", "ISLAMABAD/PENTAGON —".
DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'\- ]{2,}(?:/[A-Z][A-Z.'\- ]+)*)(?:,\s*(?P<country>[A-Z][\w.' ]+?))?\s*"
    r"(?:\([A-Za-z.&' ]+\)\s*)?(?:—|–|--|-)\s"
)
# Prepositions that make a country named in a sentence the place where its event happens.
LOCATIVE_PREPS = {"in", "across", "inside", "throughout", "within"}
# Sectors of a state's own coercive apparatus (government, police, military, courts, intelligence).
STATE_SECTORS = {"GOV", "COP", "MIL", "JUD", "SPY"}
# Sectors of people an article's place speaks for (a government's, its forces', its people's); an international
# body's or a company's people are not the place's.
LOCAL_SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP", "CVL", "REB", "INS", "SEP", "PTY", "REF", "LAB", "AGR",
    "EDU", "HLH", "CRM", "ELI", "BUS", "MED", "REL", "UAF",
}  # fmt: skip


# A credit at the end of a line: "— AFP", "- Reuters", "(AP)".
CREDIT_TAIL = re.compile(r"(?:\s[—–-]{1,2}\s*|\s*\()(?P<credit>[A-Z][\w.&' ]{1,40}?)\)?\s*$")
# Words a byline may hold besides capitalised names ("By Jane Doe and John Roe | Reuters").
BYLINE_JOINERS = {"and", "|", "—", "–", "-", "&", "in", "of", "for"}


def _is_byline(text: str) -> bool:
    """A byline: "By" and up to 14 words, each a capitalised name or a joiner, with no sentence end ("By Jane
    Doe, VOA News"; not "By Monday, Russia had withdrawn its troops.")."""
    words = text.replace(",", " ").split()
    if len(words) < 2 or len(words) > 14 or words[0] != "By" or text.endswith((".", "!", "?", ":")):
        return False
    return all(w[:1].isupper() or w.lower() in BYLINE_JOINERS for w in words[1:])


def credit_tokens(doc: Doc, knowledge: ActorKnowledge) -> set[int]:
    """Tokens of a line's dateline ("KYIV, Ukraine (AP) —"), of an agency credit that ends a line ("— AFP") or
    stands alone ("VOA News"), and of a byline ("By Jane Doe, VOA News"): they say who wrote or where, and are
    never an event's party (rule 3 of issue 14)."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in doc.text.splitlines(keepends=True):
        body = line.rstrip()
        lead = len(body) - len(body.lstrip())
        text = body.strip()
        if text:
            found = DATELINE.match(text)
            if found is not None:
                spans.append((offset + lead, offset + lead + found.end()))
            if _is_byline(text) or _is_media(text, knowledge):
                spans.append((offset + lead, offset + len(body)))
            tail = CREDIT_TAIL.search(text)
            if tail is not None and _is_media(tail.group("credit"), knowledge):
                spans.append((offset + lead + tail.start(), offset + len(body)))
        offset += len(line)
    tokens: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tokens.update(range(span.start, span.end))
    return tokens


def _is_media(text: str, knowledge: ActorKnowledge) -> bool:
    """Whether a short text names a news outlet of the organisations table ("AP", "Reuters", "VOA News")."""
    text = text.strip(" ()—–-")
    if not text or len(text.split()) > 4:
        return False
    return any(isinstance(m.entry, Organization) and m.entry.sector == "MED" for m in knowledge.lookup(text))


def locate_roles(event: Event, index: ActorIndex) -> None:
    """Rule 9, the step after enrichment: a side that is a role with no country of its own ("Police", "security
    forces", "20 protesters") takes the country of the place its event's sentence names, else the article's home
    country; ``country_from`` says which ("place" | "article"). A side whose own phrase gave its country is
    "text". Run before the place fallbacks of ``events.target_from_place``."""
    for side in ("source", "target"):
        actor = getattr(event, side)
        if actor is None:
            continue
        record = index.actors.get(actor.actor_id or "")
        borrowed = side == "source" and "+source:target-country" in event.extractor and (
            record is not None and record.kind == "sector"
        )  # protesters given the country of whom they protest against: the people of the place first
        if actor.country and not (borrowed and _place_country(event, index)):
            if actor.country_from is None:
                setattr(event, side, replace(actor, country_from="text"))
            continue
        role_only = record is None or record.kind == "sector"
        # a person the tables and the text give no country ("Ilyas Ali Hassan, a member of the upper house"):
        # the article's home only, not the place (a visitor speaks where they are)
        person = record is not None and record.kind == "person" and not record.country
        if not (role_only or person) or not (actor.sector in LOCAL_SECTORS or (person and actor.sector is None)):
            continue
        country, origin = (None if person else _place_country(event, index)), "place"
        src = event.source
        if country is None and side == "target" and event.plover.type == "COERCE" and src is not None and (
            src.country and len(src.country) == 3 and src.sector in STATE_SECTORS
        ):
            # "Egyptian police arrested 12 people": the state's own people, placed as the state was
            country, origin = src.country, src.country_from or "text"
        if country is None:
            home = index.home_country()
            country, origin = (home.iso3 if home else None), "article"
        if country is not None:
            setattr(event, side, replace(actor, country=country, code=actor_code(country, actor.sector),
                                         country_from=origin))  # fmt: skip
            home_rule = origin != "place" and side == "target" and src is not None and country == src.country
            event.extractor += f"+{side}:home" if home_rule else f"+{side}:role-{origin}"


def _place_country(event: Event, index: ActorIndex | None = None) -> str | None:
    """The country of the place named in the event's own sentence: the enrich stage's place, else one country
    the sentence names as a place ("in Nigeria", "across Sudan")."""
    place = event.location
    if place is not None and place.country and place.start is not None and (
        event.evidence.start <= place.start < event.evidence.end
    ):
        return place.country
    if index is None:
        return None
    sent = index.doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
    found = set()
    for tok in sent if sent is not None else ():
        actor = index.actor_of(tok)
        if actor is not None and actor.kind == "state" and actor.country and (
            tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS
        ):
            found.add(actor.country)
    return found.pop() if len(found) == 1 else None


def finish_sides(event: Event) -> None:
    """The last step on an event's sides: an intergovernmental body and its officials take the CAMEO country
    slot "IGO" (the UN, NATO, the EU, Guterres: code IGOUNO...), and every side with a country says where it came
    from (a side the place fallbacks of ``events.target_from_place`` coded is "place")."""
    for side in ("source", "target"):
        actor = getattr(event, side)
        if actor is None:
            continue
        if (actor.country is None or len(actor.country) > 3) and (actor.code or "").startswith("IGO"):
            actor = replace(actor, country="IGO", country_from="text")
        if actor.country and actor.country_from is None:
            placed = f"+{side}:place" in event.extractor or (side == "source" and "+source:place" in event.extractor)
            actor = replace(actor, country_from="place" if placed else "text")
        setattr(event, side, actor)


def actor_code(country: str, sector: str | None) -> str:
    """CAMEO-style code: country + sector ("USAGOV"); officials of international bodies keep the body's code."""
    if len(country) > 3:
        return country
    return country + (sector or "")


# ---------------------------------------------------------------------- syntax helpers


def clause_subject(verb: Token) -> Token | None:
    """The subject of a verb, inherited through control, coordination and participial clauses.

    "Biden plans to urge Trump" → urge's subject is Biden; "urged Trump to visit" → visit's subject is Trump
    (object control); "Trump spoke with Putin, advising him" → advising's subject is Trump.
    """
    seen = 0
    while verb is not None and seen < 6:
        seen += 1
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl", "conj", "xcomp") and not any(
            c.dep_ in ("aux",) and c.lemma_ == "have" for c in verb.children
        ):
            return None  # "When asked whether…, Sullivan refrained": the participle's subject is its patient
        if verb.dep_ == "xcomp":
            head = verb.head
            objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objects and head.lemma_ not in SUBJECT_CONTROL:
                return objects[0]
            verb = head
        elif verb.dep_ in ("conj", "advcl", "ccomp", "acl", "pcomp", "acomp") or (
            verb.dep_ == "dep" and verb.head is not verb
        ):
            if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
                return verb.head if verb.tag_ != "VBN" else None
            if verb.dep_ == "pcomp":
                verb = verb.head.head
                continue
            verb = verb.head
        elif verb.dep_ == "relcl":
            return verb.head
        else:
            return None
    return None


# verbs whose xcomp takes the verb's subject even when the verb has an object ("promised Trump to …")
SUBJECT_CONTROL = {"promise", "threaten", "vow", "pledge", "offer", "agree", "refuse", "decline"}


def _compound_text(token: Token, surface: bool = False) -> str:
    words = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
    parts = [w.text.lower() for w in words if w.pos_ in ("NOUN", "ADJ", "PROPN")]
    return " ".join([*parts, token.lower_ if surface else token.lemma_.lower() or token.lower_])


def against_modifier(token: Token) -> bool:
    """Whether a modifier names what its noun is against or for, not whose it is ("an anti-Syria journalist")."""
    doc = token.doc
    if token.lower_.startswith(("anti-", "pro-", "non-")):
        return True
    return token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in ("anti", "pro", "non")


def _is_quantity(token: Token) -> bool:
    """A quantity phrase's head, whose actor is its of-object ("thousands of Iraqi Kurds", "dozens of them")."""
    return token.lemma_.lower() in QUANTITY_HEADS or token.pos_ == "NUM"


def _of_objects(token: Token) -> list[Token]:
    """The objects of the token's "of" phrases, in order."""
    return [g for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]


def noun_phrase(token: Token) -> Span:
    """The noun phrase headed by ``token``, without its relative clauses and trailing prepositions."""
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in ("prep",) and child.lower_ in ("of", "in", "for", "from"):
            right = max(right, child.right_edge.i)
        elif child.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj", "prep"):
            break
        else:
            right = max(right, child.right_edge.i)
    while left < token.i and token.doc[left].dep_ in ("det", "punct", "cc"):
        left += 1
    return token.doc[left : right + 1]


# ---------------------------------------------------------------------- the stage


@lru_cache(maxsize=4)
def _matchers(knowledge: ActorKnowledge, nlp: Language) -> tuple[PhraseMatcher, PhraseMatcher, dict[str, Match]]:
    """Phrase matchers over every name the tables know: case-sensitive for acronyms, lower-case otherwise."""
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    forms_exact: dict[str, list[Doc]] = {}
    forms_lower: dict[str, list[Doc]] = {}
    keys: dict[str, Match] = {}
    for form, match in knowledge.surface_forms():
        if match.kind == "sector" or len(form) < 2:
            continue
        key = normalize_surface(form)
        keys.setdefault(key, match)
        target = forms_exact if form.isupper() or "." in form else forms_lower
        target.setdefault(key, []).append(nlp.make_doc(form if target is forms_exact else form.lower()))
    for key, docs in forms_exact.items():
        exact.add(key, docs)
    for key, docs in forms_lower.items():
        lower.add(key, docs)
    return exact, lower, keys


CALENDAR_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan.", "feb.",
    "aug.", "sept.", "oct.", "nov.", "dec.",
}  # fmt: skip


def has_unknown_names(doc: Doc, knowledge: ActorKnowledge, nlp: Language) -> bool:
    """Whether a tagged sentence holds a proper name the knowledge tables do not cover (then NER must run)."""
    names = [t.i for t in doc if t.pos_ == "PROPN" and t.lower_ not in CALENDAR_WORDS]
    if not names:
        return False
    exact, lower, _ = _matchers(knowledge, nlp)
    covered: set[int] = set()
    for matcher in (exact, lower):
        for _, start, end in matcher(doc):
            covered.update(range(start, end))
    return any(i not in covered for i in names)


def _name_tokens(span: Span) -> Span:
    """Strip titles and determiners that NER sometimes includes ("President Joe Biden" → "Joe Biden")."""
    start = span.start
    while start < span.end - 1 and (span.doc[start].is_lower or span.doc[start].lower_ in TITLE_WORDS):
        start += 1
    end = span.end
    while end > start + 1 and span.doc[end - 1].text in ("’s", "'s", "’", "'"):
        end -= 1
    return span.doc[start:end]


TITLE_WORDS = {
    "president", "president-elect", "vice", "prime", "minister", "secretary", "general", "gen.", "sen.", "senator",
    "rep.", "mr.", "mrs.", "ms.", "dr.", "king", "queen", "prince", "chancellor", "governor", "mayor", "pope",
    "sheikh", "ayatollah", "premier", "chairman", "leader", "adviser", "advisor", "spokesman", "spokeswoman",
    "ambassador", "republican", "democrat", "former", "new", "the",
}  # fmt: skip


def resolve_actors(
    doc: Doc, knowledge: ActorKnowledge, nlp: Language, published: dt.date | None = None
) -> ActorIndex:
    """Find and code every actor the article mentions; return the index the later stages ask."""
    index = ActorIndex(doc, knowledge, published)
    knowledge = index.knowledge
    index.geographic.update(credit_tokens(doc, knowledge))  # datelines, agency credits, bylines: never actors
    exact, lower, keys = _matchers(knowledge, nlp)
    spans: list[tuple[Span, Match | None, str]] = []
    for matcher in (exact, lower):
        for match_id, start, end in matcher(doc):
            key = nlp.vocab.strings[match_id]
            spans.append((doc[start:end], keys.get(key), "table"))
    for ent in doc.ents:
        if ent.label_ in NAME_ENTS:
            spans.append((ent, None, ent.label_))
    # longest first, then in text order; a token is claimed once
    spans.sort(key=lambda item: (-(item[0].end - item[0].start), item[0].start))
    people: list[tuple[Span, OfficeTerm | None]] = []
    for span, match, label in spans:
        if any(i in index.token_actor or i in index.geographic for i in range(span.start, span.end)):
            continue
        if match is not None and match.kind == "geographic":
            index.geographic.update(range(span.start, span.end))  # "Sea of Japan": no actor, and not Japan
            continue
        term = match.entry if match is not None and isinstance(match.entry, OfficeTerm) else None
        if term is not None and label == "table" and not _name_like(span):
            continue  # "rice", "a major attack", "Taylor Swift", "Major General": not the office holder
        if label in ("ORG", "GPE", "NORP", "FAC") and match is None and span.text[:1].isupper():
            # NER often labels a bare surname ("Trump", "Biden") ORG: an office holder's name is a person
            term = knowledge.office_holder(_name_tokens(span).text, published)
        if label == "PERSON" or term is not None:
            people.append((_name_tokens(span), term))
            continue
        _code_name(index, span, match, label)
    # full names first, so that a surname met earlier (a headline) still joins its full name's chain
    _code_people(index, sorted(people, key=lambda p: (len(p[0]) == 1, p[0].start)))
    _chain_surnames(index)
    for actor in index.actors.values():  # appositions whose owner was named later in the coding order
        if actor.kind == "person" and not actor.country and actor.mentions:
            first = actor.mentions[0]
            span = doc.char_span(first.start, first.end)
            if span is not None:
                _code_from_title(index, actor, span)
                if actor.country:
                    actor.code = actor_code(actor.country, actor.sector)
    return index


def _code_name(index: ActorIndex, span: Span, match: Match | None, label: str) -> None:
    knowledge = index.knowledge
    if match is None:
        found = knowledge.lookup(span.text)
        match = found[0] if found else None
    if match is not None and match.kind in ("country", "demonym", "capital"):
        country = match.entry
        assert isinstance(country, Country)
        for i in range(span.start, span.end):
            index.token_country.setdefault(i, country)
        if match.kind == "demonym" and span.root.dep_ in ("amod", "compound") and span.root.head.pos_ != "":
            # "Russian President" / "Russian embassy": a modifier, coded through its head
            return
        if match.kind == "demonym" and _minority(span):
            # "ethnic Albanians", "the Albanians of southern Serbia": a people living in another state, not the
            # state their name stands for; coded by the state they live in when the phrase names it
            home = next(
                (c for c in (index._country_of(t) for t in _minority(span)) if c is not None and c.iso3 != country.iso3),
                None,
            )
            actor = index.new_actor(span.text, kind="group", country=home.iso3 if home else None,
                                    code=home.iso3 if home else None, knowledge="rule:minority")  # fmt: skip
            index.add_mention(actor, span.start, span.end, "name")
            return
        index.add_mention(index.state_actor(country), span.start, span.end, match.kind)
        return
    if match is not None and isinstance(match.entry, Organization):
        org = match.entry
        actor = next((a for a in index.actors.values() if a.name == org.name), None)
        if actor is None:
            code, sector = org.code_on(index.on)
            actor = index.new_actor(
                org.name,
                kind="group" if org.kind == "group" else "organization",
                country=org.country,
                sector=sector,
                code=code,
                knowledge=f"organizations:{org.name}",
            )
        index.add_mention(actor, span.start, span.end, "acronym" if span.text.isupper() else "name")
        return
    if label in ("ORG", "FAC") and len(span.text) > 2:
        text = span.text[4:] if span.text.lower().startswith("the ") else span.text
        entry = knowledge.sector_entry(text)
        if entry is not None and entry.phrase.lower() == text.lower():
            return  # "Taiwan's defence ministry": a role phrase the NER calls ORG is coded through its owner
        if len(span) == 1 and any(
            e.label_ == "PERSON" and len(e) > 1 and e[-1].lower_ == span.text.lower() for e in span.doc.ents
        ):
            return  # '"We reject …," Baghaei said': a surname of a person named in full joins that person's chain
        actor = next((a for a in index.actors.values() if a.name == text), None)
        if actor is None:
            # "the United Bus Company of Tehran": a body named after its country or city belongs there
            place = text.rsplit(" of ", 1)[1] if " of " in text else None
            country = knowledge.country_of_name(place) if place else None
            sector, rule = None, "rule:named-after-place"
            if country is None and " " in text:
                # "US Navy", "Russian Air Force": a country's name or demonym before a role phrase
                first, rest = text.split(" ", 1)
                country = knowledge.country_of_name(first)
                sector = knowledge.sector_of(rest) if country else None
                country, rule = (country, "rule:country-role-name") if sector else (None, rule)
            actor = index.new_actor(
                text, kind="organization", country=country.iso3 if country else None, sector=sector,
                code=actor_code(country.iso3, sector) if country else None, knowledge=rule if country else None,
            )  # fmt: skip
        index.add_mention(actor, span.start, span.end, "name")


def _name_like(span: Span) -> bool:
    """Whether a table match of a person's name reads as that name: capitalised, and not the first part of a
    longer name ("Taylor Swift") or a rank before a name ("Major General")."""
    if not span.text[:1].isupper():
        return False
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return after is None or not (after.text[:1].isupper() and after.pos_ == "PROPN" and after.sent == span.sent)


def _minority(span: Span) -> list[Token]:
    """For a plural demonym naming a minority ("ethnic Albanians", "the Albanians of southern Serbia"), the
    tokens that may name the state they live in (possibly none); [] when the phrase is not a minority."""
    root = span.root
    if root.tag_ not in ("NNPS", "NNS") and not root.text.endswith("s"):
        return []
    places = [g for p in root.children if p.dep_ == "prep" and p.lower_ in ("of", "in") for g in p.children]
    ethnic = any(c.lower_ == "ethnic" for c in root.children) or (
        span.start > 0 and span.doc[span.start - 1].lower_ == "ethnic"
    )
    if ethnic:
        return places or [root]
    return places


def _code_people(index: ActorIndex, people: list[tuple[Span, OfficeTerm | None]]) -> None:
    knowledge = index.knowledge
    for name, term in people:
        if any(i in index.token_actor for i in range(name.start, name.end)):
            continue
        if len(name) == 1 and _hyphen_joined(name):
            continue  # "Shan-e-Mustafa": one part of a hyphenated name is not the person "Mustafa"
        if len(name) == 1 and _role_phrase_word(name, knowledge):
            continue  # "Riot police used water cannon": a capitalised word of a role phrase is no person
        text = name.text
        key = text.lower()
        actor_id = index._person_keys.get(key)
        if actor_id is None and len(name) == 1:
            actor_id = _surname_owner(index, key)
        if actor_id is not None:
            index.add_mention(index.actors[actor_id], name.start, name.end, "name")
            continue
        term = knowledge.office_holder(text, index.on) or term
        actor = index.new_actor(text, kind="person")
        dict_code = None
        if term is not None and (len(name) > 1 or term.name.split()[-1].lower() == key):
            actor.name = term.name if len(name) == 1 else text
            actor.country, actor.sector, actor.role = term.country, term.sector, term.role
            actor.knowledge = f"offices.tsv:{term.name}"
        elif term is None:
            entry = next((m.entry for m in knowledge.lookup(text) if isinstance(m.entry, Organization)), None)
            if entry is not None and entry.code:  # a person only a PETRARCH dictionary knows (rule 8)
                dict_code, actor.country, actor.sector = entry.code, entry.country, entry.sector
                actor.knowledge = f"petrarch:{entry.name}"
        agent = _code_from_title(index, actor, name)
        if dict_code is not None:
            actor.code = combine_codes(dict_code, agent) if agent and len(dict_code) == 3 else dict_code
        elif actor.country:
            actor.code = actor_code(actor.country, actor.sector)
        index.add_mention(actor, name.start, name.end, "name")
        for form in {key, key.split()[-1]} if len(name) > 1 else {key}:
            index._person_keys.setdefault(form, actor.id)


def _role_phrase_word(name: Span, knowledge: ActorKnowledge) -> bool:
    """Whether a one-word name is the first word of a role phrase of the sectors table ("Riot police")."""
    if name.end >= len(name.doc):
        return False
    phrase = f"{name.text} {name.doc[name.end].text}".lower()
    entry = knowledge.sector_entry(phrase)
    return entry is not None and entry.phrase.lower() == phrase


def _hyphen_joined(name: Span) -> bool:
    """Whether a one-word name is glued by a hyphen to the word before or after it."""
    doc, i = name.doc, name.start
    before = i > 0 and doc[i - 1].text in ("-", "‑") and not doc[i - 1].whitespace_
    after = i + 1 < len(doc) and doc[i + 1].text in ("-", "‑") and not name[-1].whitespace_
    return bool(before or after)


def _surname_owner(index: ActorIndex, key: str) -> str | None:
    owners = {
        aid for form, aid in index._person_keys.items() if form.split()[-1] == key or form.split()[0] == key
    }
    return owners.pop() if len(owners) == 1 else None


def _code_from_title(index: ActorIndex, actor: Actor, name: Span) -> str | None:
    """Country and sector from the words before a name, or from an apposition it stands in; returns the title's
    agent code ("~GOV") when it set the sector."""
    doc = name.doc
    title: list[Token] = []
    i = name.start - 1
    while i >= name.sent.start and len(title) < 7:
        tok = doc[i]
        if tok.pos_ in TITLE_POS or tok.text in (".", "-") or tok.lower_ in TITLE_WORDS or tok.text.endswith("."):
            if tok.pos_ == "PROPN" and (i in index.token_actor and index.actors[index.token_actor[i]].kind == "person"):
                break
            title.insert(0, tok)
            i -= 1
            continue
        break
    role_words = [t for t in title if t.pos_ in ("NOUN", "PROPN") or t.lower_ in TITLE_WORDS]
    head = name.root
    # an apposition: "Trump's communications director, Steven Cheung" (the name stands in the role's apposition)
    # or "Chris Tang, Hong Kong's police commissioner," / "Sergei Lavrov, the Russian foreign minister," (the role
    # stands in the name's)
    role_head = (
        head.head
        if head.dep_ == "appos"
        else next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
    )
    if role_head is not None:
        role_words = [*role_words, *[c for c in role_head.lefts if c.dep_ in ("compound", "amod")], role_head]
        for child in role_head.children:
            if child.dep_ == "poss":
                owner = index.resolve(child)
                if owner is not None and owner.country and not actor.country:
                    actor.country = owner.country
        if not actor.country:
            country = index._country_modifier(role_head)
            if country is not None:
                actor.country = country.iso3
    if not actor.country:
        # "Taliban spokesman Zabihullah Mujahid", "Hamas leader ...": an armed group's people are the group (rule 5);
        # a party's are not ("Republican Senator ...": USALEG, from the role)
        groups = [
            a for a in (index.actor_of(t) for t in title) if a is not None and a.kind == "group" and a.sector != "PTY"
        ]
        if groups and groups[0].country:
            actor.country, actor.sector = groups[0].country, groups[0].sector
    if not actor.country:
        for tok in title:
            country = index._country_of(tok) if tok.pos_ else index.knowledge.country_of_name(tok.text)
            if country is None and tok.text.endswith("."):
                country = index.knowledge.country_of_name(tok.text)
            if country is not None:
                actor.country = country.iso3
                break
        if not actor.country:
            for n in range(len(title), 0, -1):
                country = index.knowledge.country_of_name(" ".join(t.text for t in title[:n]))
                if country is not None:
                    actor.country = country.iso3
                    break
    agent = None
    if role_words and not actor.sector:
        phrase = " ".join(t.lower_ for t in role_words)
        agent = index.agent_of(phrase)
        if agent is None:
            for tok in reversed(role_words):
                agent = index.agent_of(tok.lemma_.lower() or tok.lower_)
                if agent:
                    break
        actor.sector = agent.strip("~") if agent else None
        if not actor.role:
            actor.role = " ".join(t.text for t in role_words if t.lower_ not in ("the",)) or None
    return agent


def _chain_surnames(index: ActorIndex) -> None:
    """Surnames in sentences the NER did not see (unparsed fast-path sentences) join their person's chain."""
    doc = index.doc
    by_surname: dict[str, str] = {}
    for form, actor_id in index._person_keys.items():
        if " " not in form:
            by_surname.setdefault(form, actor_id)
    for tok in doc:
        if tok.i in index.token_actor or not tok.text[:1].isupper():
            continue
        actor_id = by_surname.get(tok.lower_)
        if actor_id is not None and not _hyphen_joined(doc[tok.i : tok.i + 1]):
            start = tok.i
            if start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].lower_ not in TITLE_WORDS:
                first = doc[start - 1].lower_
                full = f"{first} {tok.lower_}"
                if index._person_keys.get(full) == actor_id:
                    start -= 1
                else:
                    continue
            index.add_mention(index.actors[actor_id], start, tok.i + 1, "name")
