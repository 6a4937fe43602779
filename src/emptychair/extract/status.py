"""Words that say someone takes part in a meeting, stays away, or joins remotely.

Each trigger knows where its actor stands: before a verb ("Hegseth will skip"),
after a noun ("the absence of Marco Rubio"), or on both sides of a stand-in
construction ("Colby will attend in Hegseth's place").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Side = Literal[
    "subject",
    "object",
    "standin",
    "represented",
    "without",
    "contrast",
    "sent",
    "excluded",
    "inverted",
]


@dataclass(frozen=True)
class Trigger:
    """One attendance expression in a sentence."""

    start: int
    end: int
    status: str
    side: Side
    negatable: bool = True
    """False where negation leaves the status as it is: "did not attend Tuesday's
    sessions" is still attending the meeting."""


_V = r"(?:s|es|ed|d|ing)?"
# "will join President Biden for the summit": whom one joins at a meeting is there too.
_HEADS = (
    r"(?:[A-Z][\w.]*['’]s |[A-Z][a-z]+ )?(?:President|Prime Minister|Premier|Chancellor|King|Queen)"
)
# Travel to a place: a claim only where the place is the venue of a meeting.
TRAVEL = (
    r"(?:travel|travels|travell?ed|travell?ing|fly|flies|flew|flying|head|heads|headed|heading|"
    r"go|goes|went|going|come|comes|came|coming|arrive|arrives|arrived|arriving|land|lands|"
    r"landed|make the trip|makes the trip|made the trip|making the trip|is|are|was|were) "
    r"(?:also |already )?(?:to|in|into) "
    r"(?:the )?(?=[A-Z])"
)
# "came to power", "went to war": to + a noun that is no place.
_IDIOM = (
    r"(?!\s*(?:power|office|terms|an? (?:agreement|deal|end|halt|conclusion|close)|the conclusion|"
    r"war|court|the polls|blows|grips|light|mind|bed|sleep|waste|pieces|great lengths)\b)"
)
_ATTEND = [
    r"attend(?:s|ed|ing)?\b",
    r"(?:take|takes|took|taking|taken) part",
    r"participat(?:e|es|ed|ing)",
    rf"join{_V}(?= (?:the|a|an|his|her|their|its|other|fellow|world|G\d+|[A-Z]\w+ leaders|leaders|counterparts|talks|allies|ministers|them|{_HEADS})\b)",
    r"(?:be|is|are|was|were|been|being) (?:also |all |both )?(?:present|there|in attendance|on hand)",
    r"(?:be|is|are|was|were|been) (?:among (?:them|those|the (?:leaders|attendees|participants))|at (?:the|this|next|that)\b)",
    r"\bbe (?:in|at) (?:the )?(?=[A-Z])",
    r"(?:is|are|was|were) in town for",
    # "is due in Brussels on Thursday for the meeting": the hedge stays before the trigger.
    r"(?:(?<=\bdue )|(?<=\bexpected ))(?:in|at) (?:[A-Z][\w.-]+ ?){1,3}(?:(?:on|this|next) \w+ )?for\b",
    r"(?:(?<=\bdue )|(?<=\bexpected ))at\b(?= (?:the|this|next|a|an)\b)",
    r"(?:among|one of) (?:the )?(?:[\w'’]+ ){0,3}(?:attendees|participants|guests|speakers)\b",
    r"(?:come|comes|came|coming|go|goes|went|going)(?=\s*[,.;]|\s+(?:either|after all|in person|himself|herself|this year|because)\b)",
    # "is not travelling." (but "instead of travelling", "kept him from travelling")
    r"(?<!\bof )(?<!\bfrom )(?<!\bthan )(?<!\bwithout )(?:travel|travels|travell?ing|travell?ed)(?=\s*[,.;]|\s+(?:either|after all|in person|this year|because)\b)",
    r"(?:is|are|was|were) in (?:[A-Z][\w-]+ ?){1,3} for",
    rf"travel{_V}l?{_V} to [^,.;]{{0,40}}?\bfor\b",
    r"(?:make|makes|made|making) the trip",
    r"(?:join|joins|joined|joining|attend|attends|attended|attending) in person",
    r"(?:head|heads|headed|heading) (?:to|for) (?:the )?(?=\S*\s*(?:summit|meeting|talks|conference|gathering))",
    r"(?:set|sets) off for",
    r"(?:left|leaves|leaving|departed|departs|departing)(?: [A-Z][\w-]+){0,3} for (?=(?:the|this|next|a)\b)",
    r"(?:travel|travels|travell?ed|travell?ing|fly|flies|flew|flying|head|heads|headed|heading|come|comes|came|coming) to (?=(?:the|this|next|its|a)\b)",
    r"(?:left|leaves|leave|leaving|depart\w*) (?:\w+ )?(?:early|ahead of schedule|before (?:the|it) (?:ended|closed)|before the (?:end|close)|before (?:the )?(?:[\w-]+ )?(?:ends|closes|wraps up|is over))",
    # Leaving a meeting is having been at it: "left the summit", "had to leave
    # minutes after it opened" (FORMAT.md: partial attendance is attendance).
    r"(?:leave|leaves|left|leaving|walk(?:s|ed|ing)? out of) (?:the )?(?=(?:[A-Z][\w'’-]* |ministerial |leaders['’]? |foreign |defen[cs]e |annual )*(?:summit|meeting|session|talks|conference|gathering|Council|Assembly)\b)",
    r"(?:leave|leaves|left|leaving) (?:only |just |barely )?(?:\w+ )?(?:minutes|hours|shortly|soon) after (?:it|the \w+) (?:opened|began|started)",
    r"(?:cut|cuts|cutting) short (?:his|her|their) (?:\w+ )*?(?:visit|trip|stay|attendance)",
    r"(?:fly|flies|flew|flying|flown) (?:in)?to [^,.;]{0,30}?\bfor\b",
    r"(?:fly|flies|flew|flying|flown|jet|jets|jetted|jetting) in (?:for|to (?:attend|join))\b",
    r"(?:flew|flies|jetted) in(?= (?:after|from|late|early|overnight)\b|\s*[,.;])",
    # "made his debut at the Shangri-La Dialogue", "made a surprise appearance at".
    r"(?:make|makes|made|making) (?:a|an|his|her|their|its) (?:[\w-]+ )?(?:debut|appearance) at\b",
    # FORMAT.md: "accepted" is attending; "invited X, who has accepted".
    r"accept(?:s|ed|ing)? (?:an|the|a|his|her|their) (?:[\w-]+ )?invitation",
    r"(?<=\bwho )(?:has |have |had )?accepted(?=\s*[.;,]|\s*$)",
    r"(?:arrive|arrives|arrived|arriving|landed|lands|touched down) (?:in|at) [^,.;]{0,40}?\b(?:for|to (?:take part|attend|join))\b",
    r"(?:arrive|arrives|arrived|arriving) (?:in|at) (?:[A-Z][\w.-]+ ?){1,3}(?:for|on|,|$)",
    r"(?:reached|reaches) (?:the )?(?:alliance|[A-Z])",
    r"(?:turn|turns|turned|turning) up",
    r"(?:show|shows|showed|showing) up",
    rf"(?:come|comes|came|coming) (?:to|for|from [A-Z]\w+ for)\b{_IDIOM}",
    rf"(?:go|goes|went|going)(?: on)? to (?=\S){_IDIOM}",
    r"(?:address|addresses|addressed|addressing) (?:the|a)\b",
    r"(?:speak|speaks|spoke|speaking) (?:at|to|for|during)\b",
    # "will open COP28": opening a meeting named by its acronym is being there.
    r"(?:open|opens|opened|opening)(?= [A-Z]{2,}\d*\b)",
    r"(?:chair|chairs|chaired|chairing|host|hosts|hosted|hosting|open|opens|opened|opening)(?= (?:the|a|an|this|next|its|his|her|their|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|tomorrow|this week|next week)['’]s)\b)",
    r"(?:host|hosts|hosted|hosting|welcome|welcomes|welcomed)(?= (?:[A-Z][\w.]*['’]s )?(?:President|Prime|Premier|Chancellor|King|Queen|[A-Z][a-z]+ [A-Z]))",
    # "welcomed leaders to the resort for the summit": the host is there.
    r"(?:welcome|welcomes|welcomed|welcoming) (?:the |fellow |world |other |visiting )?(?:leaders|ministers|counterparts|delegates|delegations|guests|heads of (?:state|government))\b",
    # "Lavrov told the G20 foreign ministers that ...", "urged her counterparts to ...":
    # speaking to the meeting.
    r"(?:told|tells|telling|urged|urges|urging|warned|warns|warning|pressed|presses) (?:the |his |her |their |fellow )?(?=(?:[A-Z][\w-]* |foreign |defen[cs]e |finance |fellow )*(?:leaders|ministers|counterparts|delegates|summit|meeting|assembly|gathering|conference)\b)",
    # "Healey will run it": the meeting the text is about.
    r"(?:chair|chairs|chaired|chairing|host|hosts|hosted|hosting|run|runs|ran|running) it(?=\s*[.;]|\s+(?:instead|alone|on|this|next)\b)",
    # "Orban arrived saying ...": a doorstep arrival; "Sharif arrived on Friday".
    r"(?:arrive|arrives|arrived|arriving)(?= (?:saying|vowing|insisting|warning|promising)\b)",
    r"(?:arrived|arrives)(?= (?:on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|late|early|yesterday|today|this (?:morning|afternoon|evening))\s*[.;,])",
    r"(?:lead|leads|led|leading|head|heads|headed|heading) (?:the|a|his|her|its|their|[A-Z][\w'’]*) (?:[\w.'’-]+ ){0,2}?(?:delegation|team|presence)",
    r"(?:sit|sits|sat|sitting) (?:in on|down with)",
    # "X is accompanying the vice president": going with someone who goes.
    r"(?:accompany|accompanies|accompanied|accompanying)(?= (?:the|his|her|their|[A-Z]))",
    r"(?:met|meets|meeting|held talks|holds talks) [^.;]{0,60}?\bon the (?:sidelines|margins|fringes) of",
    r"on the (?:sidelines|margins|fringes) of",
    r"(?:was|were|is|are|will be) joined(?: by\b|(?= (?:at|in|on) [^,.;]{1,60}? by\b))",
    r"(?:met|meet|meets|held talks|hold talks|holds talks|talked) there\b",
    r"will (?:also )?(?:update|brief)\b",
    r"(?:was|is|were|are) (?:seen|pictured|photographed) (?:at|in)",
    r"(?:appear|appears|appeared) (?:on the list of speakers|at)",
    r"(?:lined up|posed) for (?:a|the) (?:group|family) photo",
    # "... the G20 in Bali, where Xi and Biden will also be."
    r"(?:will|would) (?:also )?be(?=\s*[.;]|\s+there\b)",
    r"(?:opted|opts|opting|chose|chooses) (?:instead )?for(?= the)",
    r"(?:open|opens|opened|opening|close|closes|closed|closing) (?:the )?proceedings",
    # "delivered a blistering speech", but "failed to deliver a planned speech" at
    # another event says nothing of the meeting.
    r"(?:deliver|delivers|delivered|delivering|give|gives|gave|giving) (?:the|a|an|his|her|their) "
    r"(?!planned |scheduled |expected |promised )(?:[\w-]+ )?(?:keynote|speech|address|remarks)",
    r"(?:speak|speaks|spoke|speaking)(?= on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)",
    r"(?:speak|speaks|spoke|speaking|chair|chairs|chaired|chairing)(?=\s*[,.;]|\s+and\b)",
    TRAVEL,
]
_ABSENT = [
    rf"skip{_V}(?:p{_V})?",
    r"(?:miss|misses|missed|missing)(?! out)",
    r"(?:forgo|forgoes|forgoing|forgone|forego|foregoes|foregoing|forewent)",
    r"(?:sit|sits|sat|sitting) out",
    r"(?:stay|stays|stayed|staying|keep|keeps|kept|keeping) (?:away|home|at home|out)",
    r"(?:pull|pulls|pulled|pulling|drop|drops|dropped|dropping) out",
    r"(?:withdraw|withdraws|withdrew|withdrawn|withdrawing)",
    r"boycott(?:s|ed|ing)?",
    r"snub(?:s|bed|bing)?",
    r"(?:cancel|cancels|cancelled|canceled|cancelling|scrap|scraps|scrapped|drop|drops|dropped|call|calls|called) (?:off )?(?:his|her|their|the|a|its) (?:planned )?(?:trip|journey|visit|travel|attendance|participation|plans)",
    r"(?:dropped|drops|abandoned|shelved) plans",
    r"(?:pass|passes|passed|passing) up",
    r"(?:turn|turns|turned|turning) down",
    r"(?:turn|turns|turned|turning) (?:the|an|its|his|her|their|this|that) (?:[\w-]+ ){0,2}?"
    r"(?:invitation|invite|forum|summit|meeting|gathering|talks|conference|offer) down",
    r"(?:decline|declines|declined|declining) (?:the |an |to attend)",
    r"(?:decided|decides|decide) against",
    r"(?:be|is|are|was|were|been) (?:absent|missing)",
    r"(?:be|is|are|was|were|been) (?:a |the )?(?:notable |conspicuous )?no-show",
    r"(?:be|is|are|was|were) (?:not|n't) (?:on (?:his|her) itinerary|among)",
    r"(?:will|would) be without",
    r"(?:is|are|was|were|be) (?:not|n['’]t) (?:there|present|in attendance|on hand)",
]
_VIRTUAL = [
    r"(?:by|via|over|through) (?:a )?(?:video(?:[- ]?link|[- ]?conference)?|videolink|teleconference|zoom|satellite link)",
    r"virtually",
    r"remotely",
    r"(?:dial|dials|dialled|dialed|dialling|dialing) in",
    r"(?:held|took place|meet|met) (?:virtually|online)",
    r"\bonline\b",
]
_ABSENT_NOUNS = r"(?:absence|non-attendance|no-show|nonattendance|decision not to (?:come|attend|go|travel)|absent)"
# A noun of presence states attendance only where the sentence vouches for it.
_ATTEND_NOUNS = r"(?:presence (?:at|in)\b|(?:attendance|participation|presence) (?:is|was|has been|had been) (?:already )?confirmed)"
# "X will represent the country instead" / "in Hegseth's place" / "instead of Y" / "stand in for Y".
_STANDIN = r"(?:in (?:his|her|their|[A-Z][\w-]*(?: [A-Z][\w-]*)*['’]s?) (?:place|stead)|instead of|rather than|in place of|on behalf of|(?:stand|stands|stood|standing|fill|fills|filling) in for|(?:take|takes|took) (?:the President's|his|her) (?:seat|place))"
# "spoke on his behalf during the debate": taking part for someone, not any errand
# done for them ("read the text out on his behalf").
_ON_BEHALF = (
    r"(?:spoke|speaks|speak|speaking|attended|attends|attend|attending|went|goes|go|going|"
    r"travell?ed|travels|travel|addressed|addresses|address|took part|takes part|"
    r"participated|participates)\b[^,.;]{0,40}? on (?:his|her|their|[A-Z][\w-]*['’]s?) behalf"
)
_REPRESENT = r"(?:represent|represents|represented|representing|replace|replaces|replacing)"

# Missing part of a meeting is attending it (FORMAT.md): checked before "missed".
_PARTIAL = (
    r"(?:missed|skipped|missing|skipping|miss|skip) (?:the |a |part of the |some of the )?"
    r"(?:opening|closing|first|last|final|morning|afternoon|evening|official|gala|working)?\s?"
    r"(?:session|day|part|dinner|lunch|photo|plenary|reception|sessions|meetings?)(?: (?:of|at)\b|(?=\s*[.;]))"
    # ... but "a meeting of NATO foreign ministers" is the whole meeting, named by who meets.
    r"(?! (?:the )?(?:[\w-]+ ){0,3}(?:ministers|leaders|heads|chiefs|members|envoys|allies)\b(?!['’]))"
    # "absent from four of the 11 sessions"
    r"|(?:be|is|are|was|were) absent from (?:\w+ )?(?:of|some of|part of|parts of|several|some)\b"
    # "did not attend Tuesday's sessions", "took part in the working dinner"
    r"|(?:attend|attends|attended|attending|took part in|take part in|takes part in) "
    r"(?:\w+['’]s |the )(?:(?:final|closing|last|opening|first|second|afternoon|morning|"
    r"evening|working|remaining|leaders['’]|official|gala|state) )?(?:sessions|day|dinner|lunch|plenary)\b"
    r"|(?:absence|absences) from (?:\w+ )?(?:of|some of|part of|parts of|several|some)\b"
)

# Hedges that may stand before a verb left out: "he was unlikely to."
_ELLIPSIS = ["likely", "unlikely", "expected", "planning", "going", "due", "set", "plans", "hopes"]

# "Absent from the summit were X and Y", "Also attending were ...": the state comes
# first, the people after the verb.
_INVERTED = r"^(?:(?:Also|Notably|Conspicuously) )?(?:{state})\b[^.;]{{0,80}}?\b(?:were|was|are|is|will be)\b"

_PARTIAL_RE = re.compile(rf"\b{_PARTIAL}")

_PATTERNS: list[tuple[re.Pattern[str], str, Side]] = [
    (
        re.compile(_INVERTED.format(state="absent|missing|not (?:attending|present|there)"), re.I),
        "absent",
        "inverted",
    ),
    (
        re.compile(_INVERTED.format(state="attending|present|in attendance|among the attendees")),
        "attend",
        "inverted",
    ),
    (_PARTIAL_RE, "attend", "subject"),
    (re.compile(rf"\b(?:{'|'.join(_VIRTUAL)})", re.I), "virtual", "subject"),
    (re.compile(rf"\b(?:{'|'.join(_ABSENT)})\b"), "absent", "subject"),
    (re.compile(rf"\b(?:{'|'.join(_ATTEND)})"), "attend", "subject"),
    (re.compile(rf"\b{_ABSENT_NOUNS}\b", re.I), "absent", "object"),
    (re.compile(rf"\b{_ATTEND_NOUNS}\b"), "attend", "object"),
    (re.compile(rf"\b{_STANDIN}"), "absent", "standin"),
    (re.compile(rf"\b{_ON_BEHALF}"), "absent", "standin"),
    (
        re.compile(
            rf"\b(?:(?:be|is|was|are|were|being|been|having \w+) )?(?:[a-z]+ )?{_REPRESENT}\b(?: by)?"
        ),
        "absent",
        "represented",
    ),
    (re.compile(r"\binstead\b"), "absent", "represented"),
    (re.compile(r"(?<=[A-Za-z]), not\b(?= [A-Z][^,]{2,60},)"), "absent", "contrast"),
    # "Salwai is sending Climate Change Minister Ralph Regenvanu", "nor will it send X"
    (
        re.compile(
            r"\b(?:send|sends|sent|sending|dispatch|dispatches|dispatched|dispatching)\b"
            r"(?= (?:[A-Z]|his |her |its |their |the ))"
        ),
        "attend",
        "sent",
    ),
    # "ASEAN shut its top diplomat out of the retreat", "to exclude X from a summit"
    (
        re.compile(
            r"\b(?:exclude|excludes|excluded|excluding|bar|bars|barred|barring|ban|bans|banned|"
            r"banning|shut|shuts|shutting|keep|keeps|kept|keeping|disinvite|disinvited)\b"
            r"(?=[^.;]{1,80}?\b(?:from|out of)\b)"
        ),
        "absent",
        "excluded",
    ),
    # "... indicated that he was unlikely to.": the verb left out is the one asked about.
    (
        re.compile("(?:" + "|".join(f"(?<=\\b{w} )" for w in _ELLIPSIS) + r")to(?=\s*[.;,]|\s*$)"),
        "attend",
        "subject",
    ),
    # "The most conspicuous absentee is X", "X is one more of the absentees"
    (re.compile(r"\babsentees?\b"), "absent", "subject"),
    # "ministers are meeting in Brussels without the U.S. secretary of state"
    (
        re.compile(r"\b(?:meet|meets|met|meeting|gather\w*|convene\w*)\b[^,.;]{0,40}?\bwithout\b"),
        "absent",
        "without",
    ),
]

_NEGATION = re.compile(
    r"\b(?:not|never|no longer|neither|nor|without|cannot|unable|refused to|declined to|"
    r"chose not|opted not|decided not|decided against|unlikely|fail(?:s|ed)? to|"
    r"(?:rule|rules|ruled|ruling) out|no (?:plans?|intention|intent) (?:to|of))\b|n['’]t\b",
    re.I,
)


def find_triggers(sentence: str) -> list[Trigger]:
    """Attendance expressions in ``sentence``, earliest first, without overlaps."""
    found: list[Trigger] = []
    # "Opening the first session, ...": a sentence may start with the verb.
    if re.match(r"[A-Z][a-z]+ing\b", sentence):
        sentence = sentence[0].lower() + sentence[1:]
    for pattern, status, side in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(m.start() < t.end and t.start < m.end() for t in found):
                continue
            # Missing part of a meeting, or not attending part of it, is still attending.
            negatable = pattern is not _PARTIAL_RE
            found.append(Trigger(m.start(), m.end(), status, side, negatable))
    return sorted(found, key=lambda t: t.start)


def negated(window: str) -> bool:
    """Whether the words between an actor and an attendance verb negate it."""
    return bool(_NEGATION.search(window))


def apply_negation(status: str, window: str) -> str:
    """The status once negation in ``window`` is taken into account."""
    if not negated(window):
        return status
    if status == "attend":
        return "absent"
    if status == "absent":
        return "attend"
    return status
