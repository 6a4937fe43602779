"""A synthetic, firehose-like news corpus for throughput benchmarks.

``generate(n)`` returns ``n`` deterministic, news-length documents (400-900 words,
several paragraphs separated by blank lines, a title, a 2024-2026 publication
date). About one in twenty (``meeting_share``) talks about officials attending,
skipping or joining by video link a multilateral meeting (NATO, G7, G20, COP ...);
their ids start ``meet-``. The rest, ids ``news-``, are ordinary news on economy,
sport, weather, courts, technology, local politics, health, business earnings or
culture and never mention a multilateral meeting at all: that is checked at
generation time (``meeting_mention``), so a template slip fails loudly.

The text is composed from sentence templates and word lists, not sampled from a
model: it only has to make a tokenizer and parser do work comparable to real
news (names, numbers, places, quotes, "said" attributions, dates), and to look
like the haystack a real feed would be. People's names are invented; countries,
offices and meeting series are real.

CLI: ``python benchmarks/corpus.py --docs 5000 -o corpus.jsonl``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: make ``emptychair`` importable from a plain checkout too.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from emptychair.model import Document

MIN_WORDS = 400
MAX_WORDS = 900
MEETING_PREFIX = "meet-"
NEWS_PREFIX = "news-"

# Words that mark a multilateral meeting; ordinary documents must contain none.
# Acronyms are matched case-sensitively (so "quad" the muscle or "un-" would not
# trip it), phrases on the lower-cased text. Two plain regexes rather than one
# with inline (?i:...) groups: Python's re is several times faster this way.
MEETING_ACRONYMS = re.compile(
    r"\b(?:NATO|G7|G8|G20|EU|UN|ASEAN|BRICS|APEC|OSCE|SCO|CHOGM|COP ?\d+|Quad|UDCG)\b"
)
MEETING_PHRASES = re.compile(
    r"\b(?:summit|ministerial|general assembly|security council|european council"
    r"|united nations|african union|commonwealth|shangri-la|munich security|ramstein"
    r"|contact group|climate conference|foreign affairs council|defen[cs]e ministers"
    r"|foreign ministers|finance ministers|leaders' meeting|group of (?:seven|twenty)"
    r"|alliance|sidelines|multilateral)"
)


def meeting_mention(text: str) -> str | None:
    """The first meeting word in ``text`` (as written, or lower-cased), or None."""
    hit = MEETING_ACRONYMS.search(text) or MEETING_PHRASES.search(text.lower())
    return hit.group(0) if hit else None


# --------------------------------------------------------------------------
# Word lists shared by all documents
# --------------------------------------------------------------------------

FIRST_F = (
    "Maria", "Aisha", "Elena", "Sofia", "Priya", "Hannah", "Grace", "Ingrid", "Yuki", "Amara",
    "Leila", "Chloe", "Nadia", "Fatima", "Olivia", "Rosa", "Mei", "Anika", "Claire", "Zanele",
    "Beatriz", "Sarah", "Katarzyna", "Ana", "Joanna", "Lucia", "Ewa", "Noor", "Helen", "Tamsin",
)  # fmt: skip
FIRST_M = (
    "James", "Daniel", "Rahul", "Tomas", "Kwame", "Lukas", "Mateo", "Hiroshi", "Omar", "David",
    "Pieter", "Samuel", "Ivan", "Chen", "Ahmed", "Marco", "Jonas", "Felipe", "Tunde", "Michael",
    "Arjun", "Andre", "Patrick", "Nikolai", "Kenji", "Graham", "Emeka", "Stefan", "Rui", "Callum",
)  # fmt: skip
SURNAMES = (
    "Okafor", "Lindqvist", "Moreau", "Alvarez", "Nakamura", "Kowalski", "Mensah", "Haddad",
    "Fischer", "Rossi", "O'Brien", "Patel", "Sato", "Novak", "Silva", "Kim", "Byrne", "Dubois",
    "Hansen", "Petrov", "Mwangi", "Garcia", "Chowdhury", "van Dijk", "Adeyemi", "Larsen",
    "Santos", "Whitfield", "Castillo", "Jovanovic", "Tanaka", "Murphy", "Schneider", "Horvat",
    "Abara", "Ferreira", "Gallagher", "Eriksen", "Nguyen", "Costa", "Brennan", "Oyelaran",
    "Marchetti", "Holm", "Acheampong", "Rahman", "Lopes", "Keller", "Drummond", "Yilmaz",
)  # fmt: skip
CITIES = (
    "Leeds", "Porto", "Lyon", "Austin", "Melbourne", "Accra", "Pune", "Osaka", "Gdansk",
    "Calgary", "Cork", "Bristol", "Seville", "Tampere", "Durban", "Wellington", "Denver",
    "Manchester", "Hamburg", "Rotterdam", "Valencia", "Adelaide", "Halifax", "Tucson", "Bergen",
    "Graz", "Bologna", "Curitiba", "Aarhus", "Dundee", "Winnipeg", "Mombasa", "Brisbane",
)  # fmt: skip
REGIONS = (
    "the north-east", "coastal districts", "the southern highlands", "the river valley",
    "the western plains", "inland areas", "the eastern counties", "the lake district",
    "the central belt", "northern suburbs", "the islands", "the wine-growing south",
)  # fmt: skip
COMPANIES = (
    "Northwind Logistics", "Halcyon Foods", "Brightline Energy", "Meridian Retail",
    "Tallis Pharmaceuticals", "Oakridge Mining", "Bluefin Airways", "Kestrel Motors",
    "Larkspur Insurance", "Pioneer Grain", "Ardent Steel", "Marlow Media", "Cobalt Freight",
    "Juniper Apparel", "Harbourside Homes", "Fenwick Brewing", "Alder Chemicals", "Redcliff Cement",
)  # fmt: skip
TECH = (
    "Corvid Systems", "Vantage Telecom", "Sable Semiconductor", "Quillon Software", "Lumen Cloud",
    "Parallax Labs", "Nimbus Networks", "Orbital Data", "Tessellate", "Brightpath Payments",
)  # fmt: skip
BANKS = (
    "Granite Bank", "Harrow Capital", "Westgate Securities", "Palisade Partners",
    "Bellweather Research", "Crown Street Advisers", "Lodestar Asset Management",
)  # fmt: skip
AGENCIES = (
    "national statistics office", "statistics bureau", "budget office", "central bank",
    "labour ministry", "housing agency",
)  # fmt: skip
CURRENCIES = ("krona", "rand", "peso", "pound", "zloty", "yen", "real", "rupee")
TEAM_SUFFIXES = ("United", "Rovers", "City", "Athletic", "Wanderers", "FC")
STADIUM_NAMES = ("Riverside Ground", "Park Lane Stadium", "the Memorial Ground", "Victoria Park")
STREETS = ("Station", "Mill", "Harbour", "Church", "Queen's", "Victoria", "Castle", "Market")
STREET_KINDS = ("Road", "Street", "Avenue", "Lane")
WARDS = ("Hillside", "Old Town", "Riverside", "St Mark's", "Northgate", "Elm Park", "Docklands")
STORMS = ("Agnes", "Bert", "Ciara", "Dennis", "Ellen", "Franklin", "Gerrit", "Henk", "Isha")
DISEASES = ("measles", "whooping cough", "norovirus", "influenza", "scarlet fever", "mumps")
BOOK_ADJ = ("Quiet", "Salt", "Lost", "Winter", "Borrowed", "Hollow", "Last", "Paper")
BOOK_NOUN = ("Harbour", "Orchard", "Daughters", "Season", "Lighthouse", "River", "House", "Map")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
SMALL = ("two", "three", "four", "five", "six", "seven", "eight", "nine")
ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh")
CURRENCY_SIGNS = ("$", "£", "€")

# --------------------------------------------------------------------------
# Ordinary topics: titles, sentence templates, quotes, roles of the people quoted
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    """Templates for one kind of ordinary news story."""

    name: str
    titles: tuple[str, ...]
    sentences: tuple[str, ...]
    quotes: tuple[str, ...]
    roles: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic(
        name="economy",
        titles=(
            "Inflation slows to {pct} percent in {month}",
            "Central bank holds rates as growth stalls",
            "Unemployment rises to {pct} percent as hiring cools",
            "Retail sales fall unexpectedly in {month}",
            "House prices in {city} hit record high",
            "Economy grows {pct} percent in {quarter} quarter",
        ),
        sentences=(
            "Consumer prices rose {pct} percent in {month} from a year earlier, the {agency} "
            "said on {weekday}, compared with {pct2} percent the month before.",
            "Economists polled beforehand had expected a reading of {pct} percent, and the "
            "figure pushed the {currency} {updown} against the dollar in early trading.",
            "The central bank left its benchmark interest rate unchanged at {rate} percent at "
            "its last policy meeting, but signalled that cuts could come later in {year}.",
            "Unemployment edged {updown2} to {pct} percent in the three months to {month}, with "
            "the number of people in work rising by about {num}.",
            "Retail sales fell {pct} percent in {month} as shoppers cut back on clothing and "
            "household goods, though online spending held up better than expected.",
            "House prices in {city} have climbed {pct} percent over the past year, pushing the "
            "average home beyond the reach of many first-time buyers.",
            "Gross domestic product grew {pct} percent in the {quarter} quarter, revised data "
            "showed, slightly weaker than the initial estimate.",
            "Wage growth slowed to {pct} percent, the weakest pace since {year_past}, which "
            "policymakers are likely to welcome as a sign that pressure on prices is easing.",
            "Manufacturing output contracted for a {ordinal} straight month, according to a "
            "survey of purchasing managers published on {weekday}.",
            "Exporters have complained for months that the strong {currency} is eroding their "
            "margins, particularly in machinery and processed food.",
            "Government borrowing in the financial year to date reached {money_big}, about "
            "{money} more than the budget office had forecast in {month}.",
            "Fuel prices at the pump dropped for a {ordinal} consecutive week, offering some "
            "relief to motorists and haulage firms in {region}.",
            "Mortgage approvals rose to {num} in {month}, the highest figure in more than a "
            "year, data from the {agency} showed.",
            "The {agency} revised its growth forecast for {year} down to {pct} percent, citing "
            "weaker investment and a slowdown among key trading partners.",
            "Food price inflation, which peaked at more than {pct_big} percent two years ago, "
            "has fallen back steadily as supply chains recovered.",
            "Bond yields fell after the release, with the ten-year yield dropping {bp} basis "
            "points to {rate} percent.",
            "Small businesses in {city} said energy bills remained the biggest single threat "
            "to their survival, according to a survey of {num_small} firms.",
            "Analysts at {bank} said the figures were consistent with a gradual slowdown rather "
            "than a recession, and kept their forecasts unchanged.",
            "Household savings have stayed high since the pandemic, and economists are divided "
            "on whether consumers will start spending them down this year.",
            "The report showed services inflation, closely watched by the central bank, stuck "
            "at {pct} percent for a {ordinal} month.",
            "Rents for new tenancies rose {pct} percent year on year, while average earnings "
            "rose {pct2} percent over the same period.",
            "Separate figures showed the trade deficit narrowed to {money} in {month} as "
            "imports of fuel and machinery declined.",
            "The finance ministry said the numbers showed the economy was on the right track, "
            "but opposition lawmakers said families were still struggling with bills.",
        ),
        quotes=(
            "The direction of travel is clear, but the last mile of bringing inflation down is "
            "always the hardest",
            "Households are still feeling the squeeze, even if the headline numbers look better "
            "than they did a year ago",
            "We do not think one month of data changes the picture for the central bank",
            "There is a real risk that policymakers wait too long and do unnecessary damage to "
            "the labour market",
            "Businesses tell us they are holding off on hiring until they have more certainty "
            "about costs",
            "This is a solid set of numbers, and it should give the bank room to start easing "
            "later this year",
            "Prices are still rising, just more slowly, and for a family on a tight budget that "
            "distinction matters very little",
            "Our forecast assumes no further shock to energy prices, which is a big assumption",
            "The labour market is cooling in an orderly way, which is exactly what we wanted "
            "to see",
        ),
        roles=(
            "chief economist at {bank}",
            "an economist at {bank}",
            "head of research at {bank}",
            "a senior analyst at {bank}",
            "deputy governor of the central bank",
            "a spokesperson for the {agency}",
        ),
    ),
    Topic(
        name="sport",
        titles=(
            "{team} beat {team2} to go {ordinal}",
            "Late goal rescues point for {team}",
            "{team} striker ruled out for {small} weeks",
            "Record crowd sees {team} win derby",
            "Cup final in {city} sells out in an hour",
        ),
        sentences=(
            "{team} beat {team2} {score} on {weekday} night, with {person} scoring twice in the "
            "second half to lift the club to {ordinal} place in the table.",
            "A crowd of {num} watched the match at {stadium}, the largest of the season so far, "
            "despite heavy rain in the hours before kick-off.",
            "{person2.last} opened the scoring in the {minute} minute, drilling a low shot past "
            "the goalkeeper from the edge of the area.",
            "The visitors equalised shortly before half-time when a corner was only half cleared "
            "and {person3} volleyed in from close range.",
            "{team2} have now gone {small} games without a win, and pressure is mounting on the "
            "coaching staff ahead of a difficult run of fixtures.",
            "The club confirmed on {weekday} that {person3} would miss the next {small} weeks "
            "with a hamstring injury picked up in training.",
            "{team} have agreed a fee of about {money} with a rival club for a {age}-year-old "
            "winger, according to people close to the negotiations.",
            "The result leaves {team} {small} points clear at the top with {num_tiny} matches "
            "remaining.",
            "Tickets for the final in {city} sold out within an hour of going on sale on "
            "{weekday}, the organisers said.",
            "In the women's race, {person2} set a course record of {racetime}, finishing more "
            "than a minute ahead of the defending champion.",
            "The referee showed {small} yellow cards and one red, sending off a {team2} defender "
            "for a second bookable offence in the {minute} minute.",
            "{team} will travel to {city2} next {weekday} for the second leg of the cup "
            "quarter-final, holding a one-goal advantage.",
            "Fans protested outside the ground before kick-off over ticket prices, which have "
            "risen by {pct_big} percent in two seasons.",
            "The league said it would review the incident after television replays appeared to "
            "show the ball had crossed the line.",
            "{person.last} has now scored {num_tiny} goals in {num_small} appearances, the best "
            "return of any player in the division this season.",
            "Rain delayed the start of play by almost two hours, and only {overs} overs were "
            "possible on the opening day of the match in {city2}.",
            "The home side were reduced to ten men after {num_tiny} minutes but defended "
            "stubbornly to hold on for a point.",
            "Last season {team} finished {ordinal}, their best league position in more than a "
            "decade.",
            "The tournament, which began in {city} on {date}, has drawn record television "
            "audiences.",
            "The governing body fined the club {money} for failing to control its supporters "
            "during a match in {month}.",
        ),
        quotes=(
            "We showed a lot of character today, especially after going a goal down so early",
            "I am proud of the players, they never stopped running",
            "We have to be honest with ourselves, that was not good enough",
            "The injury is frustrating, but the medical team are confident about the recovery",
            "Every game from now until the end of the season is a cup final for us",
            "The fans deserved that after a difficult few weeks",
            "We created enough chances to win two matches, we just did not take them",
            "It was a tough pitch to play on and both sides struggled with the conditions",
            "The referee has a hard job, but some of those decisions were very difficult to "
            "understand",
        ),
        roles=(
            "the {team} manager",
            "the {team} captain",
            "head coach of {team2}",
            "the league's chief executive",
            "a former {team} striker",
        ),
    ),
    Topic(
        name="weather",
        titles=(
            "Storm {storm} leaves {num} homes without power",
            "Amber rain warning issued for {region}",
            "Heat record broken in {city}",
            "Floods force evacuations in {city}",
            "Drought prompts hosepipe ban",
        ),
        sentences=(
            "Forecasters issued an amber warning for heavy rain across {region} on {weekday}, "
            "with up to {mm} millimetres expected to fall in 24 hours.",
            "Storm {storm} brought gusts of more than {kmh} kilometres per hour to exposed "
            "coasts, bringing down trees and power lines.",
            "About {num} homes were without electricity on {weekday} morning, the grid operator "
            "said, and crews were working to restore supplies.",
            "Temperatures in {city} reached {temp} degrees Celsius on {weekday}, the highest "
            "reading for {month} since records began.",
            "Several rivers in {region} burst their banks overnight, and emergency services "
            "evacuated residents from low-lying streets in {city}.",
            "Rail services between {city} and {city2} were suspended after a landslide blocked "
            "the line near a tunnel.",
            "Drought has left reservoirs at {pct_big} percent of capacity, and water companies "
            "have introduced a hosepipe ban.",
            "Schools in {city} closed early so that pupils could get home before the worst of "
            "the snow arrived.",
            "The weather service said the unsettled conditions were likely to persist into the "
            "weekend before high pressure builds from the west.",
            "Farmers in {region} say the wet spring has delayed planting by several weeks and "
            "could reduce yields of wheat and barley.",
            "Wildfire crews were battling a blaze that had burned through about {num} hectares "
            "of forest by {weekday} evening.",
            "Insurers estimated that claims from the storm could exceed {money_big}, making it "
            "one of the costliest weather events of the decade.",
            "Overnight frost is expected in rural areas, with temperatures dropping as low as "
            "minus {small} degrees.",
            "Local authorities opened {small} emergency shelters and urged drivers to avoid all "
            "but essential journeys.",
            "Scientists said the run of warm months was consistent with long-term trends, "
            "though no single season could be attributed to any one cause.",
            "Flights at {city} airport were delayed or cancelled through the morning because of "
            "fog and strong crosswinds.",
            "A yellow warning for thunderstorms remains in place for {region} until {clock} on "
            "{weekday}.",
            "Coastal roads were closed as high tides and storm surges sent waves over sea "
            "defences near {city2}.",
        ),
        quotes=(
            "People should not underestimate how quickly rivers can rise in these conditions",
            "We are asking everyone to check on elderly neighbours and to stay indoors if they can",
            "Crews have been working through the night and will continue until every home is "
            "reconnected",
            "I have farmed this land for thirty years and I have never seen the ground this wet",
            "The heat is the main concern, particularly for young children and people with "
            "heart conditions",
            "We expect the rain to ease by the weekend, but the ground is saturated so the "
            "flood risk remains",
            "Please do not drive through floodwater, even if it looks shallow",
        ),
        roles=(
            "a forecaster at the national weather service",
            "head of emergency management in {city}",
            "a spokesperson for the fire service",
            "a hydrologist at the environment agency",
            "mayor of {city}",
            "a farmer near {city2}",
        ),
    ),
    Topic(
        name="courts",
        titles=(
            "Man jailed for {small} years over investment fraud",
            "{company} fined {money} over warehouse injury",
            "Appeals court overturns data ruling",
            "Jury convicts former director in {city} fraud trial",
            "Landmark ruling opens way for tenant claims",
        ),
        sentences=(
            "A {age}-year-old man was sentenced to {small} years in prison by {court} on "
            "{weekday} for his part in a fraud that cost investors about {money}.",
            "Judge {judge.last} said the defendant had shown no genuine remorse and had "
            "targeted people who could least afford to lose their savings.",
            "The jury took less than {small} hours to reach its verdict after a trial lasting "
            "{num_tiny} weeks.",
            "Prosecutors told the court that the scheme had operated through a network of shell "
            "companies registered in {city2}.",
            "Lawyers for the defendant said they would appeal against both the conviction and "
            "the sentence.",
            "The case was adjourned until {date} to allow the defence more time to review "
            "thousands of pages of evidence.",
            "{company} was fined {money} after admitting health and safety breaches that led "
            "to a worker being seriously injured at a warehouse in {city}.",
            "The court heard that the victim had been walking home from work shortly before "
            "midnight when she was attacked.",
            "An appeals court overturned the ruling on {weekday}, finding that the lower court "
            "had misapplied the law on data protection.",
            "The judgment could open the way for hundreds of similar claims by tenants against "
            "private landlords, lawyers said.",
            "The defendant, who denies all charges, was released on bail on condition that the "
            "passport is surrendered.",
            "The inquest into the deaths of {small} people in a fire at a block of flats in "
            "{city} is expected to last several months.",
            "A class action filed on behalf of about {num} customers alleges that the bank "
            "charged unlawful overdraft fees for six years.",
            "The supreme court agreed on {weekday} to hear the case, which centres on whether "
            "local authorities can ban short-term rentals.",
            "Police said the investigation was continuing and urged anyone with information to "
            "come forward.",
            "The defendant appeared by video link from prison and spoke only to confirm his "
            "name and date of birth.",
            "The trial, which is expected to last {small} weeks, will resume on {weekday}.",
            "{company} said it respected the court's decision and was considering its options.",
            "Members of the victim's family wept in the public gallery as the verdict was read "
            "out at {court}.",
        ),
        quotes=(
            "Justice has finally been done, but nothing will bring our daughter back",
            "This was a calculated and sustained deception carried out over many years",
            "We are disappointed by the verdict and will be studying the judgment carefully",
            "The law in this area is unclear, and it is right that a higher court now looks at it",
            "My client has always maintained his innocence and will continue to do so",
            "The message from this case is that no company is above the rules on workplace safety",
            "Tenants have been waiting years for a ruling like this",
        ),
        roles=(
            "a lawyer for the defendant",
            "the prosecutor in the case",
            "a spokesperson for the prosecution service",
            "a law professor at the University of {city}",
            "a lawyer representing the families",
        ),
    ),
    Topic(
        name="technology",
        titles=(
            "{tech} outage disrupts services for {small} hours",
            "Data breach hits {num} customers",
            "{tech} to cut {num_small} jobs",
            "Regulator probes {money_big} cloud deal",
            "{city} start-up raises {money}",
        ),
        sentences=(
            "{tech} said on {weekday} that a software fault had caused an outage lasting almost "
            "{small} hours, affecting customers in several countries.",
            "The company's new chip, which it says uses {pct_big} percent less power than its "
            "predecessor, will go into production early next year.",
            "Hackers gained access to the personal data of about {num} customers, including "
            "names, email addresses and dates of birth, the firm disclosed.",
            "The data protection regulator said it had opened an investigation and could impose "
            "fines of up to {pct_small} percent of global turnover.",
            "{tech} is laying off about {num_small} employees, or {pct} percent of its "
            "workforce, as it shifts spending toward artificial intelligence.",
            "The app has been downloaded more than {num} times since its launch in {month}, "
            "making it one of the most popular in the country.",
            "Regulators are examining whether the acquisition, valued at {money_big}, would "
            "reduce competition in the market for cloud storage.",
            "Researchers at the University of {city} found that the language model made factual "
            "errors in about one answer in {num_tiny}.",
            "The update, which rolled out to users on {weekday}, adds offline maps, a redesigned "
            "settings menu and longer battery life.",
            "Shares in {tech} rose {pct} percent in after-hours trading after the company "
            "reported stronger demand for its data centre products.",
            "Critics say the proposed rules on facial recognition do not go far enough to "
            "protect privacy in public spaces.",
            "The start-up, founded in {city} in {year_past}, raised {money} in a funding round "
            "led by several venture capital firms.",
            "Engineers traced the problem to a faulty configuration change pushed to servers "
            "in the early hours of the morning.",
            "Telecoms operators have until the end of {year} to remove equipment from suppliers "
            "deemed high-risk, under rules announced last year.",
            "Sales of electric bicycles rose {pct_big} percent last year, according to an "
            "industry body, as commuters looked for cheaper ways to travel.",
            "{tech} said it would give users more control over how their data is used to train "
            "its systems.",
            "A satellite launched from a spaceport near {city2} on {weekday} will provide "
            "broadband coverage to remote communities.",
            "Rival firms have been racing to build bigger data centres, and electricity demand "
            "from the sector is expected to double by the end of the decade.",
        ),
        quotes=(
            "We sincerely apologise to our customers for the disruption and are putting "
            "measures in place so it does not happen again",
            "This is one of the most significant breaches we have seen in this sector",
            "The technology is moving faster than the rules that are supposed to govern it",
            "Our focus is on building products people actually want to use every day",
            "Customers should change their passwords and be alert to suspicious emails",
            "The demand we are seeing for computing power is unlike anything in the history of "
            "the industry",
            "Small companies simply cannot compete when a handful of platforms control access "
            "to customers",
        ),
        roles=(
            "chief executive of {tech}",
            "a cybersecurity researcher at the University of {city}",
            "an analyst at {bank}",
            "head of product at {tech}",
            "a spokesperson for the data protection regulator",
            "founder of a start-up in {city}",
        ),
    ),
    Topic(
        name="local politics",
        titles=(
            "{council} approves {pct} percent tax rise",
            "Library closures spark protest in {city}",
            "Housing plan rejected over flood fears",
            "Bus lanes approved for {street}",
            "Low-emission zone charge to start in {month}",
        ),
        sentences=(
            "{council} approved a budget of {money_big} on {weekday}, including a {pct} percent "
            "increase in property tax to pay for social care and road repairs.",
            "Councillors voted {votes} in favour of the plan after a debate lasting more than "
            "four hours.",
            "The proposal to close {small} branch libraries drew hundreds of objections from "
            "residents during a six-week consultation.",
            "The mayor said the new bus lanes on {street} would cut journey times by up to "
            "{num_tiny} minutes at peak hours.",
            "Opposition councillors accused the ruling group of pushing through the changes "
            "without proper scrutiny.",
            "A petition calling for the park to be protected from development has gathered "
            "more than {num} signatures.",
            "The planning committee rejected an application for {num_small} homes on the edge "
            "of {city}, citing concerns over traffic and flooding.",
            "Councillor {person2} did not attend {weekday}'s committee meeting, and a vote on "
            "the housing plan was put off until next month.",
            "Turnout in the by-election was just {pct_big} percent, down from the last contest "
            "in {year_past}.",
            "Residents on {street} have complained for years about potholes, and the council has "
            "now set aside {money} for resurfacing.",
            "The council's chief executive warned that without extra funding from central "
            "government, further cuts would be unavoidable.",
            "Plans for a new swimming pool in the town centre have been delayed again after "
            "construction costs rose by {pct_big} percent.",
            "The authority said it would hire {num_small} extra staff to clear a backlog of "
            "housing repairs.",
            "Under the scheme, drivers entering the low-emission zone in older vehicles will "
            "pay a daily charge of {money_small}.",
            "The {ward} ward has been held by the same party for more than twenty years, but "
            "local campaigners believe it could change hands.",
            "A public meeting at the community centre on {weekday} evening drew about "
            "{num_small} residents, many of them opposed to the plan.",
            "The leader of the council said the decision had been difficult but that the books "
            "had to balance.",
            "Street lights in some residential areas will be dimmed after midnight to save an "
            "estimated {money} a year.",
        ),
        quotes=(
            "Nobody goes into local government wanting to close libraries, but we have been "
            "left with impossible choices",
            "Residents have been ignored at every stage of this process",
            "This investment will make a real difference to people who rely on the buses every day",
            "We will keep fighting to protect this park for future generations",
            "The budget protects frontline services while being honest about the pressures we face",
            "People are fed up with waiting months for basic repairs to their homes",
            "I was elected to listen, and that is what I intend to do",
        ),
        roles=(
            "leader of {council}",
            "the mayor of {city}",
            "a councillor for the {ward} ward",
            "the opposition group leader on the council",
            "chair of the planning committee",
            "a spokesperson for the residents' association",
        ),
    ),
    Topic(
        name="health",
        titles=(
            "{disease} cases rise in {region}",
            "{hospital} declares critical incident",
            "Nurses vote to strike over pay",
            "New drug approved for patients",
            "Waiting lists fall slightly in {month}",
        ),
        sentences=(
            "Cases of {disease} in {region} have risen to {num_small} this year, health "
            "officials said on {weekday}, urging parents to check vaccination records.",
            "{hospital} declared a critical incident on {weekday} after a surge in patients "
            "left dozens waiting on trolleys in corridors.",
            "Waiting lists for planned operations stood at {num} in {month}, down slightly "
            "from the previous month.",
            "A study of {num} adults published in a medical journal found that regular walking "
            "was associated with a lower risk of heart disease.",
            "The health department said it would fund {num_small} extra beds over the winter "
            "to ease pressure on emergency departments.",
            "Nurses at {hospital} voted to strike over pay and staffing, with {pct_big} percent "
            "of members backing action on a turnout of {pct_big2} percent.",
            "The new drug, approved by regulators on {weekday}, is expected to be available to "
            "patients within {small} months.",
            "Doctors warned that flu admissions were rising earlier than usual and encouraged "
            "people over {age} to get vaccinated.",
            "Ambulance response times for the most serious calls averaged {num_tiny} minutes in "
            "{month}, well above the target.",
            "The clinic in {city} will offer evening and weekend appointments from next month "
            "in an effort to reduce waiting times.",
            "Researchers said the trial results were encouraging but cautioned that larger "
            "studies were needed.",
            "Health officials traced the outbreak to a restaurant in {city}, which has been "
            "closed while inspectors investigate.",
            "Referrals to mental health services for young people have doubled in five years, "
            "according to figures released on {weekday}.",
            "The hospital trust said it had recruited {num_small} nurses from overseas in the "
            "past year to fill vacancies.",
            "Pharmacies reported shortages of some common antibiotics, and patients were "
            "advised to speak to their doctor about alternatives.",
            "Vaccination rates among two-year-olds have fallen to {pct_big} percent, below the "
            "level needed to prevent outbreaks.",
        ),
        quotes=(
            "Our staff are working incredibly hard, but demand is simply outstripping capacity",
            "Vaccination remains the best protection, and it is never too late to catch up",
            "Nobody wants to strike, but we cannot keep losing experienced colleagues",
            "This is a genuine step forward for patients who have had very few options",
            "Please only come to the emergency department if it is a real emergency",
            "The findings add to a large body of evidence that small changes in daily habits "
            "matter",
        ),
        roles=(
            "director of public health for {city}",
            "a consultant at {hospital}",
            "chief executive of {hospital}",
            "a professor of epidemiology at the University of {city}",
            "a spokesperson for the nurses' union",
            "a general practitioner in {city2}",
        ),
    ),
    Topic(
        name="business earnings",
        titles=(
            "{company} profit rises {pct} percent",
            "{company} shares jump after results beat forecasts",
            "{company} raises guidance as sales grow",
            "{company} to close {city} plant",
            "{company} announces {money_big} buyback",
        ),
        sentences=(
            "{company} reported a net profit of {money} for the {quarter} quarter, up {pct} "
            "percent from a year earlier, on revenue of {money_big}.",
            "Shares in the company rose {pct} percent in early trading after the results beat "
            "analysts' expectations.",
            "The group raised its full-year guidance and now expects operating margins of "
            "between {small} and {num_tiny} percent.",
            "Like-for-like sales grew {pct} percent, helped by strong demand for own-brand "
            "products and a warm spell in {month}.",
            "The company said higher labour and energy costs had weighed on margins, which fell "
            "to {pct} percent from {pct2} percent.",
            "{company} announced a share buyback of up to {money_big} and raised its dividend "
            "by {pct} percent.",
            "Analysts had expected earnings per share of {eps}, according to a poll of "
            "{num_tiny} brokers.",
            "The chief executive told investors on a call that the company would open "
            "{num_small} new stores next year, mostly in {region}.",
            "Revenue from the group's online business rose {pct_big} percent and now accounts "
            "for almost a third of total sales.",
            "The company took a one-off charge of {money} related to the closure of a plant in "
            "{city}.",
            "Shares have fallen about {pct_big} percent this year amid concerns about slowing "
            "consumer spending.",
            "{company} said it was in talks to sell its logistics division, which employs "
            "about {num} people.",
            "The results included a {money} provision for a long-running legal dispute with a "
            "former supplier.",
            "Net debt fell to {money_big} at the end of the period, giving the group more room "
            "to invest.",
            "The board confirmed that the chief financial officer would step down at the end "
            "of the year after {small} years in the role.",
            "Sales in its largest market were flat, while growth in newer markets offset weaker "
            "demand at home.",
        ),
        quotes=(
            "We have delivered another strong quarter despite a challenging backdrop",
            "Customers are still spending, but they are shopping around more than ever",
            "Our priority is to keep prices competitive while protecting margins",
            "The numbers were better than feared, but the outlook is cautious",
            "We see significant opportunities to grow, both organically and through acquisitions",
            "Investors will want to see whether this momentum can be sustained into next year",
        ),
        roles=(
            "chief executive of {company}",
            "chief financial officer of {company}",
            "an analyst at {bank}",
            "a retail analyst at {bank}",
            "chair of {company}",
            "a fund manager at {bank}",
        ),
    ),
    Topic(
        name="culture",
        titles=(
            "{festival} opens with island drama",
            "{museum} unveils major new exhibition",
            "{person} novel shortlisted for fiction prize",
            "Lost painting found in {city} attic",
            "Theatre reopens after {small}-year renovation",
        ),
        sentences=(
            "The exhibition at {museum}, which opens on {date}, brings together more than "
            "{num_small} works, many of which have never been shown in public.",
            "{person}'s second novel, {booktitle}, has been shortlisted for a national fiction "
            "prize worth {money_small},000.",
            "{festival} opened on {weekday} with the premiere of a drama about a family of "
            "fishermen on a remote island.",
            "Tickets for the band's {num_tiny}-date tour sold out within minutes, and resale "
            "prices reached more than {money_small}0.",
            "The theatre, which has been closed for {small} years for renovation, will reopen "
            "in {month} with a new production of a classic comedy.",
            "Visitor numbers at {museum} rose {pct_big} percent last year, helped by a "
            "blockbuster show of Impressionist paintings.",
            "The film, shot over {num_tiny} weeks in and around {city}, features a cast of "
            "mostly first-time actors.",
            "Arts organisations say cuts to public funding have forced them to reduce "
            "programmes and raise ticket prices.",
            "The painting, missing for more than {small} decades, was found in the attic of a "
            "house in {city2} and is expected to sell for about {money}.",
            "Critics praised the production's staging but were divided over the decision to "
            "set the story in the present day.",
            "The orchestra will perform {small} concerts in the city's parks over the summer, "
            "all free of charge.",
            "The documentary follows a group of teenagers in {city} over a single school year.",
            "The winner will be announced at a ceremony in {city} on {date}.",
            "{museum} said the acquisition was made possible by donations from more than {num} "
            "members of the public.",
            "More than {num} people went to the festival this year, organisers said, the most "
            "since it was founded in {year_past}.",
        ),
        quotes=(
            "We wanted to make a film about ordinary people that felt honest and unsentimental",
            "It is a thrill to see these works together in one room for the first time",
            "Writing this book took me almost ten years, and I am still a little surprised it "
            "exists",
            "Culture is not a luxury, it is what holds a community together",
            "We hope the new building will welcome audiences who have never been to the "
            "theatre before",
            "Every night on this tour has been special, but playing at home is something else",
        ),
        roles=(
            "director of {museum}",
            "the festival's artistic director",
            "a film critic",
            "a curator at {museum}",
            "the lead singer of the band",
            "a novelist from {city}",
        ),
    ),
)

GENERIC_SENTENCES = (
    "The figures were published on {weekday}, a day later than planned because of a technical "
    "problem.",
    "{person2}, {person2.role}, said the details would be set out in full over the coming weeks.",
    "It was not immediately clear how many people would be affected by the change.",
    "The announcement came as a surprise to many in {city}, where the issue has been debated "
    "for months.",
    "Officials said further information would be published on {date}.",
    "The decision follows a review that began in {month} last year.",
    "{person3}, {person3.role}, said the move had been widely expected.",
    "A spokesperson declined to comment further, citing the need to respect the process.",
    "Similar measures were introduced in {city2} in {year_past}, with mixed results.",
    "Representatives of both sides are due to meet again next week to try to resolve their "
    "differences.",
    "By late afternoon on {weekday} there had been no further statement.",
    "Local newspapers reported that the plan had been under discussion for some time.",
    "{person2.last} said there were lessons to be learned, but that it was too soon to draw "
    "firm conclusions.",
    "The change will take effect from {date}, according to a notice published on {weekday}.",
    "Critics said the response had been too slow, while supporters argued that it had been "
    "proportionate.",
)

# Quote frames that introduce the speaker (full name and role) ...
QUOTE_INTROS = (
    '"{quote}," said {speaker}, {speaker.role}.',
    '{speaker}, {speaker.role}, said: "{quote}."',
    '"{quote}," {speaker}, {speaker.role}, told reporters on {weekday}.',
    '{speaker}, {speaker.role}, said in a statement that "{quote_l}."',
)
# ... and frames for a speaker the story has already introduced.
QUOTE_FRAMES = (
    '"{quote}," {speaker.last} told reporters on {weekday}.',
    '{speaker.last} said in a statement: "{quote}."',
    '"{quote}," {speaker.last} said. "{quote2}."',
    'Speaking to reporters in {city}, {speaker.last} said: "{quote}."',
    '"{quote}," {speaker.last} added.',
    '"{quote}," {speaker.last} said, adding that the position had not changed since {month}.',
    'Asked about the criticism, {speaker.last} said: "{quote}."',
)

DATELINES = ("{CITY} — ", "{CITY}, {date} - ", "{CITY} ({weekday}) - ", "")

# --------------------------------------------------------------------------
# Meeting documents: countries, offices, meeting series, claim templates
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    """A state whose officials the meeting documents talk about."""

    name: str
    adj: str
    capital: str
    poss: str
    titles: dict[str, str]  # role id -> office title as written before a name


def _country(
    name: str,
    adj: str,
    capital: str,
    leader: str,
    foreign: str = "Foreign Minister",
    defence: str = "Defence Minister",
    finance: str = "Finance Minister",
    poss: str | None = None,
) -> Country:
    titles = {
        "leader": leader,
        "foreign_minister": foreign,
        "defence_minister": defence,
        "finance_minister": finance,
        "minister": "Environment Minister",
    }
    return Country(name, adj, capital, poss or f"{name}'s", titles)


COUNTRIES: dict[str, Country] = {
    c.name: c
    for c in (
        _country(
            "the United States", "U.S.", "Washington", "President", "Secretary of State",
            "Defense Secretary", "Treasury Secretary", poss="America's",
        ),
        _country(
            "Britain", "British", "London", "Prime Minister", "Foreign Secretary",
            "Defence Secretary", "Chancellor of the Exchequer",
        ),
        _country("Germany", "German", "Berlin", "Chancellor"),
        _country("France", "French", "Paris", "President"),
        _country("Italy", "Italian", "Rome", "Prime Minister"),
        _country("Japan", "Japanese", "Tokyo", "Prime Minister"),
        _country("Canada", "Canadian", "Ottawa", "Prime Minister"),
        _country("India", "Indian", "New Delhi", "Prime Minister", "External Affairs Minister"),
        _country("China", "Chinese", "Beijing", "President"),
        _country("Brazil", "Brazilian", "Brasilia", "President"),
        _country("South Africa", "South African", "Pretoria", "President"),
        _country("Turkey", "Turkish", "Ankara", "President"),
        _country("Poland", "Polish", "Warsaw", "Prime Minister"),
        _country("Spain", "Spanish", "Madrid", "Prime Minister"),
        _country("the Netherlands", "Dutch", "The Hague", "Prime Minister",
                 poss="the Netherlands'"),
        _country("Hungary", "Hungarian", "Budapest", "Prime Minister"),
        _country("Norway", "Norwegian", "Oslo", "Prime Minister"),
        _country("Indonesia", "Indonesian", "Jakarta", "President"),
        _country("Malaysia", "Malaysian", "Kuala Lumpur", "Prime Minister"),
        _country("the Philippines", "Philippine", "Manila", "President",
                 poss="the Philippines'"),
        _country("Vietnam", "Vietnamese", "Hanoi", "Prime Minister"),
        _country("Australia", "Australian", "Canberra", "Prime Minister"),
        _country("Mexico", "Mexican", "Mexico City", "President"),
        _country("Russia", "Russian", "Moscow", "President"),
        _country("Nigeria", "Nigerian", "Abuja", "President"),
        _country("Kenya", "Kenyan", "Nairobi", "President"),
        _country("Egypt", "Egyptian", "Cairo", "President"),
        _country("Argentina", "Argentine", "Buenos Aires", "President"),
        _country("South Korea", "South Korean", "Seoul", "President"),
    )
}  # fmt: skip

_NATO = ("the United States", "Britain", "Germany", "France", "Italy", "Canada", "Turkey",
         "Poland", "Spain", "the Netherlands", "Hungary", "Norway")  # fmt: skip
_G7 = ("the United States", "Britain", "Germany", "France", "Italy", "Japan", "Canada")
_G20 = ("the United States", "Britain", "Germany", "France", "Italy", "Japan", "Canada",
        "India", "China", "Brazil", "South Africa", "Turkey", "Indonesia", "Australia",
        "Mexico", "Russia", "Argentina", "South Korea")  # fmt: skip
_EU = ("Germany", "France", "Italy", "Spain", "Poland", "the Netherlands", "Hungary")
_ASEAN = ("Indonesia", "Malaysia", "the Philippines", "Vietnam", "Japan", "Australia",
          "India", "China", "South Korea", "the United States")  # fmt: skip
_BRICS = ("Brazil", "Russia", "India", "China", "South Africa", "Egypt")
_AFRICA = ("Nigeria", "Kenya", "Egypt", "South Africa")
_WORLD = tuple(COUNTRIES)


@dataclass(frozen=True)
class Forum:
    """One meeting series, as the meeting documents name it."""

    forum_id: str
    names: tuple[str, ...]  # with article: "the NATO summit"
    short: str  # no article, fits "next month's {short}"
    cities: tuple[str, ...]
    roles: tuple[str, ...]
    members: tuple[str, ...]


FORUMS: tuple[Forum, ...] = (
    Forum("nato-defence-ministers",
          ("the NATO defence ministers' meeting", "the meeting of NATO defence ministers"),
          "NATO defence ministers' meeting", ("Brussels",), ("defence_minister",), _NATO),
    Forum("nato-foreign-ministers",
          ("the NATO foreign ministers' meeting", "the informal meeting of NATO foreign "
           "ministers"), "NATO foreign ministers' meeting", ("Brussels", "Antalya", "Oslo"),
          ("foreign_minister",), _NATO),
    Forum("nato-summit", ("the NATO summit", "the alliance's summit of leaders"), "NATO summit",
          ("The Hague", "Ankara", "Vilnius"), ("leader",), _NATO),
    Forum("g7-summit", ("the G7 summit", "the Group of Seven leaders' summit"), "G7 summit",
          ("Evian", "Kananaskis", "Hiroshima"), ("leader",), _G7),
    Forum("g7-ministers", ("the G7 finance ministers' meeting", "the meeting of G7 finance "
          "ministers"), "G7 finance ministers' meeting", ("Niigata", "Banff", "Stresa"),
          ("finance_minister",), _G7),
    Forum("g20-summit", ("the G20 summit", "the G20 leaders' summit"), "G20 summit",
          ("Johannesburg", "Rio de Janeiro", "Miami"), ("leader",), _G20),
    Forum("g20-ministers", ("the G20 finance ministers' meeting", "the meeting of G20 finance "
          "ministers and central bank governors"), "G20 finance ministers' meeting",
          ("Washington", "Durban", "Cape Town"), ("finance_minister",), _G20),
    Forum("eu-council", ("the European Council summit", "the EU leaders' summit"),
          "EU summit", ("Brussels",), ("leader",), _EU),
    Forum("eu-ministers", ("the Foreign Affairs Council", "the meeting of EU foreign "
          "ministers"), "EU foreign ministers' meeting", ("Brussels", "Luxembourg"),
          ("foreign_minister",), _EU),
    Forum("asean-summit", ("the ASEAN summit", "the East Asia Summit"), "ASEAN summit",
          ("Kuala Lumpur", "Manila", "Vientiane"), ("leader",), _ASEAN),
    Forum("asean-ministers", ("the ASEAN foreign ministers' meeting", "the ASEAN Regional "
          "Forum"), "ASEAN foreign ministers' meeting", ("Kuala Lumpur", "Manila"),
          ("foreign_minister",), _ASEAN),
    Forum("apec-leaders", ("the APEC leaders' meeting", "the APEC summit"), "APEC summit",
          ("Gyeongju", "Shenzhen", "Lima"), ("leader",), (*_ASEAN, "Mexico", "Canada")),
    Forum("unga", ("the UN General Assembly", "the high-level week of the UN General "
          "Assembly"), "UN General Assembly", ("New York",), ("leader", "foreign_minister"),
          _WORLD),
    Forum("un-security-council", ("a UN Security Council meeting on the crisis", "the "
          "Security Council's emergency session"), "UN Security Council meeting",
          ("New York",), ("foreign_minister",), _WORLD),
    Forum("brics-summit", ("the BRICS summit", "the summit of BRICS leaders"), "BRICS summit",
          ("Rio de Janeiro", "Kazan", "New Delhi"), ("leader",), _BRICS),
    Forum("sco-summit", ("the Shanghai Cooperation Organisation summit", "the SCO summit"),
          "SCO summit", ("Tianjin", "Bishkek", "Astana"), ("leader",),
          ("China", "Russia", "India")),
    Forum("cop", ("the COP30 climate conference", "the UN climate summit"), "COP30 climate "
          "conference", ("Belem", "Antalya", "Baku"), ("leader", "minister"), _WORLD),
    Forum("quad", ("the Quad foreign ministers' meeting", "the Quad leaders' summit"),
          "Quad meeting", ("Tokyo", "New Delhi", "Washington"), ("foreign_minister",),
          ("the United States", "Japan", "India", "Australia")),
    Forum("munich-security-conference", ("the Munich Security Conference",),
          "Munich Security Conference", ("Munich",), ("defence_minister", "foreign_minister"),
          _NATO),
    Forum("shangri-la-dialogue", ("the Shangri-La Dialogue", "the IISS Shangri-La Dialogue"),
          "Shangri-La Dialogue", ("Singapore",), ("defence_minister",), _ASEAN),
    Forum("ukraine-defense-contact-group", ("the Ukraine Defense Contact Group meeting", "the "
          "Ramstein-format meeting"), "Ukraine Defense Contact Group meeting",
          ("Ramstein", "Brussels"), ("defence_minister",), _NATO),
    Forum("osce-ministers", ("the OSCE Ministerial Council",), "OSCE ministerial",
          ("Vienna", "Helsinki", "Valletta"), ("foreign_minister",), _NATO),
    Forum("chogm", ("the Commonwealth Heads of Government Meeting", "CHOGM"), "Commonwealth "
          "summit", ("Apia", "Kigali"), ("leader",),
          ("Britain", "Canada", "India", "Australia", "Nigeria", "Kenya", "South Africa")),
    Forum("au-summit", ("the African Union summit",), "African Union summit",
          ("Addis Ababa",), ("leader",), _AFRICA),
)  # fmt: skip

AGENDA = (
    "support for Ukraine", "defence spending targets", "trade tensions", "climate finance",
    "the conflict in the Middle East", "debt relief for poorer countries",
    "maritime security", "supplies of critical minerals", "migration",
    "reform of the global lending institutions", "air defence", "ammunition production",
    "tariffs", "food security", "artificial intelligence",
)  # fmt: skip
# Domestic business that keeps an official at home or calls them back early.
CRISES = (
    "budget negotiations", "a domestic political crisis", "a confidence vote in parliament",
    "severe flooding", "the aftermath of an earthquake", "talks on forming a coalition",
    "a strike by public sector workers",
)  # fmt: skip
REASONS = (*CRISES, "a scheduling conflict", "health reasons", "the election campaign",
           "a state visit the same week")  # fmt: skip
ANON_SOURCES = (
    "two officials familiar with the plans", "a senior diplomat", "three people briefed on the "
    "schedule", "a government official who spoke on condition of anonymity", "diplomats",
    "sources familiar with the matter", "a senior {adj} official", "an official travelling "
    "with the delegation", "people with knowledge of the preparations", "two {adj} officials",
)  # fmt: skip
NAMED_SOURCES = (
    "the {adj} foreign ministry", "a spokesperson for the {title_l}", "{poss} government",
    "government spokesperson {spokes}", "the {adj} embassy in {mcity}", "{poss} defence "
    "ministry", "the office of the {title_l}",
)  # fmt: skip
MEETING_QUOTES = (
    "We will be represented at the appropriate level, and our commitment is unchanged",
    "Our partners know exactly where we stand",
    "The diary simply did not allow it this time",
    "I will be there, and I will make our case directly",
    "Nobody should read anything into who sits in which chair",
    "These meetings matter, and that is why we are sending a strong delegation",
)  # fmt: skip
WHEN = ("next month's", "this week's", "next week's", "the upcoming", "{weekday}'s")

# One statement about one actor each. {actor} is the actor as a sentence subject
# (maybe with an appositive and its commas), {actor_obj} the same actor elsewhere.
CLAIM_TEMPLATES = (
    # attend
    "{actor} will attend {forum} in {mcity}, {named} said on {weekday}.",
    "{actor} has confirmed {his} attendance at {forum}, {named} said.",
    "{actor} is expected to travel to {mcity} for {forum}, according to {anon}.",
    "{actor} arrived in {mcity} on {weekday} for {forum}, where {he} is due to hold talks on "
    "{agenda}.",
    "{actor} plans to attend {forum} in person, {anon} said, despite {crisis} at home.",
    "{actor} took part in {forum} but left before the closing session to deal with {crisis}.",
    "{actor} addressed {forum} on {weekday}, urging partners to do more on {agenda}.",
    "{actor} met counterparts on the sidelines of {forum} in {mcity} on {weekday}.",
    # absent
    "{actor} is expected to skip {when} {short} in {mcity}, according to {anon}.",
    "{actor} will not attend {forum}, {named} confirmed, and will send {deputy} instead.",
    "{deputy} will represent {country} at {forum} in place of {actor_obj}, {named} said.",
    "{actor} did not attend {forum} in {mcity}, a decision {anon} attributed to {reason}.",
    "{actor} is considering skipping {forum} because of {reason}, {anon} said.",
    "{actor} is unlikely to make the trip to {mcity} for {forum}, {anon} said.",
    "{actor} pulled out of {when} {short} at the last minute, citing {reason}.",
    "For the second year in a row, {actor} will be absent from {forum}, {named} said.",
    "{actor} is not expected to attend {forum}, {anon} said, and {deputy} is likely to lead "
    "the delegation.",
    # virtual
    "{actor} joined {forum} by video link from {capital}, {his} office said.",
    "{actor} will address {forum} remotely rather than travel to {mcity}, {anon} said.",
    "{actor} is expected to take part in {forum} by video conference, with {deputy} attending "
    "in person.",
)  # fmt: skip
# Background about the meeting: mentions it, claims nothing about anyone.
MEETING_CONTEXT = (
    "The meeting in {mcity} runs for {small} days and is expected to end with a joint "
    "statement on {agenda}.",
    "Diplomats in {mcity} said the level of representation would be watched closely as a "
    "signal of priorities.",
    "Organisers said more than {num_small} delegations had registered for the event.",
    "Preparations for {forum} have been overshadowed by disagreements over {agenda}.",
    "The gathering comes at a delicate moment, with members split over {agenda}.",
    "Analysts said attendance mattered less than what governments actually agreed to do about "
    "{agenda}.",
    "A final text on {agenda} was still being negotiated by officials late on {weekday}.",
    "Officials insisted that the make-up of the delegation said nothing about {poss} "
    "commitment to the group.",
    "Asked about the travel plans on {weekday}, {named} declined to comment on the schedule.",
    "The {short} is the first since {year_past} at which {agenda} tops the agenda.",
    "Security in {mcity} has been tightened ahead of the meeting, with roads around the venue "
    "closed to traffic.",
    "Several hundred protesters gathered near the venue on {weekday}, calling for more action "
    "on {agenda}.",
    "Host officials said the programme would open with a working dinner and close with a "
    "news conference on the final day.",
    "The last gathering in this format, in {year_past}, ended without agreement on {agenda}.",
    "Delegations have been negotiating the wording of the final statement for weeks, "
    "diplomats said.",
    "{poss} position on {agenda} is expected to be one of the main points of friction.",
    "The host government has set out three priorities for the meeting, with {agenda} at the "
    "top of the list.",
    "Officials expect bilateral talks on the margins to matter as much as the formal sessions.",
    "Campaign groups urged participants not to let disagreements over {agenda} derail the "
    "talks.",
    "Ministers last met in this format in {month}, when they agreed to review progress on "
    "{agenda} within a year.",
)  # fmt: skip
MEETING_TITLES = (
    "{short_actor_c} to skip {short} in {mcity}",
    "{country_c} to send deputy to {short}",
    "Who is going to the {short}? What we know",
    "{short_actor_c} to join {short} by video link",
    "{short} opens in {mcity} with several seats empty",
    "{short_actor_c} confirms trip to {mcity} for {short}",
)  # fmt: skip

# --------------------------------------------------------------------------
# Template filling
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """An invented person; ``str()`` is the full name, ``.last``/``.role`` fill templates."""

    first: str
    last: str
    he: str
    his: str
    role: str = ""

    def __str__(self) -> str:
        return f"{self.first} {self.last}"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _person(rng: random.Random, role: str = "") -> Person:
    if rng.random() < 0.5:
        return Person(rng.choice(FIRST_F), rng.choice(SURNAMES), "she", "her", role)
    return Person(rng.choice(FIRST_M), rng.choice(SURNAMES), "he", "his", role)


def _ordinal_number(k: int) -> str:
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def _money(rng: random.Random, low: float, high: float, unit: str) -> str:
    return f"{rng.choice(CURRENCY_SIGNS)}{rng.uniform(low, high):.1f} {unit}"


class _Slots(dict[str, object]):
    """Template slot values for one document.

    Cast slots (people, places, organisations) are drawn once and reused, so a
    story keeps its characters; every other slot is drawn afresh at each use.
    """

    def __init__(self, rng: random.Random, topic: Topic, published: dt.date) -> None:
        super().__init__()
        self.rng = rng
        self.topic = topic
        self["year"] = str(published.year)

    def fill(self, template: str) -> str:
        return template.format_map(self)

    def _fresh_from(self, pool: Sequence[str], *taken_keys: str) -> str:
        taken = [self[k] for k in taken_keys if k in self]
        choices = [p for p in pool if p not in taken]
        return self.rng.choice(choices)

    def __missing__(self, key: str) -> object:
        cast = self._cast(key)
        if cast is not None:
            self[key] = cast
            return cast
        fresh = _FRESH.get(key)
        if fresh is None:
            raise KeyError(f"corpus template slot {{{key}}} is not defined")
        return fresh(self)

    def _cast(self, key: str) -> object | None:
        rng = self.rng
        if key in ("person", "person2", "person3"):
            return _person(rng, self.fill(rng.choice(self.topic.roles)))
        if key == "judge":
            return _person(rng)
        if key in ("city", "city2"):
            return self._fresh_from(CITIES, "city", "city2")
        if key == "CITY":
            return str(self["city"]).upper()
        if key in ("company", "tech"):
            return rng.choice(COMPANIES if key == "company" else TECH)
        if key == "bank":
            return rng.choice(BANKS)
        if key == "agency":
            return rng.choice(AGENCIES)
        if key == "currency":
            return rng.choice(CURRENCIES)
        if key in ("team", "team2"):
            return self._fresh_from(
                [f"{c} {s}" for c in CITIES[:12] for s in TEAM_SUFFIXES[:2]], "team", "team2"
            )
        if key == "stadium":
            return rng.choice(STADIUM_NAMES)
        if key == "region":
            return rng.choice(REGIONS)
        if key == "street":
            return f"{rng.choice(STREETS)} {rng.choice(STREET_KINDS)}"
        if key == "ward":
            return rng.choice(WARDS)
        if key == "council":
            return rng.choice((f"{self['city']} City Council", "the county council"))
        if key == "court":
            return rng.choice(
                (f"the High Court in {self['city']}", f"{self['city']} Crown Court",
                 "the district court", f"a federal court in {self['city']}")
            )  # fmt: skip
        if key == "hospital":
            return rng.choice((f"{self['city']} General Hospital", "St Luke's Hospital"))
        if key == "museum":
            return rng.choice((f"the {self['city']} Museum of Art", "the National Gallery"))
        if key == "festival":
            return f"the {self['city']} International Film Festival"
        if key == "booktitle":
            return f"The {rng.choice(BOOK_ADJ)} {rng.choice(BOOK_NOUN)}"
        if key == "storm":
            return rng.choice(STORMS)
        if key == "disease":
            return rng.choice(DISEASES)
        return None


def _score(s: _Slots) -> str:
    a = s.rng.randint(1, 5)
    return f"{a}-{s.rng.randint(0, a - 1)}"


def _votes(s: _Slots) -> str:
    a = s.rng.randint(25, 60)
    return f"{a} to {s.rng.randint(5, a - 3)}"


def _quote(s: _Slots) -> str:
    return s.fill(s.rng.choice(s.topic.quotes))


def _lower_first(quote: str) -> str:
    return quote if quote.startswith(("I ", "I'")) else quote[0].lower() + quote[1:]


_FRESH: dict[str, Callable[[_Slots], str]] = {
    "pct": lambda s: f"{s.rng.uniform(0.2, 9.8):.1f}",
    "pct2": lambda s: f"{s.rng.uniform(0.2, 9.8):.1f}",
    "pct_big": lambda s: str(s.rng.randint(12, 94)),
    "pct_big2": lambda s: str(s.rng.randint(12, 94)),
    "pct_small": lambda s: str(s.rng.randint(2, 6)),
    "rate": lambda s: f"{s.rng.uniform(0.5, 6.5):.2f}",
    "bp": lambda s: str(s.rng.randint(3, 25)),
    "num": lambda s: f"{s.rng.randint(1_200, 250_000):,}",
    "num_small": lambda s: str(s.rng.randint(12, 480)),
    "num_tiny": lambda s: str(s.rng.randint(9, 40)),
    "small": lambda s: s.rng.choice(SMALL),
    "ordinal": lambda s: s.rng.choice(ORDINALS),
    "minute": lambda s: _ordinal_number(s.rng.randint(3, 89)),
    "age": lambda s: str(s.rng.randint(19, 71)),
    "money": lambda s: _money(s.rng, 1.1, 99.9, "million"),
    "money_big": lambda s: _money(s.rng, 1.1, 48.0, "billion"),
    "money_small": lambda s: f"{s.rng.choice(CURRENCY_SIGNS)}{s.rng.randint(8, 95)}",
    "eps": lambda s: f"{s.rng.choice(CURRENCY_SIGNS)}{s.rng.uniform(0.2, 4.8):.2f}",
    "score": _score,
    "votes": _votes,
    "temp": lambda s: str(s.rng.randint(31, 44)),
    "mm": lambda s: str(s.rng.randint(40, 180)),
    "kmh": lambda s: str(s.rng.randint(80, 150)),
    "overs": lambda s: str(s.rng.randint(12, 48)),
    "racetime": lambda s: f"2:{s.rng.randint(18, 29)}:{s.rng.randint(10, 59)}",
    "quarter": lambda s: s.rng.choice(("first", "second", "third", "fourth")),
    "weekday": lambda s: s.rng.choice(WEEKDAYS),
    "month": lambda s: s.rng.choice(MONTHS),
    "date": lambda s: f"{s.rng.choice(MONTHS)} {s.rng.randint(1, 28)}",
    "clock": lambda s: f"{s.rng.randint(1, 11)} {s.rng.choice(('a.m.', 'p.m.'))}",
    "year_past": lambda s: str(int(str(s["year"])) - s.rng.randint(2, 15)),
    "updown": lambda s: s.rng.choice(("higher", "lower")),
    "updown2": lambda s: s.rng.choice(("up", "down")),
    "quote": _quote,
    "quote2": _quote,
    "quote_l": lambda s: _lower_first(_quote(s)),
    "crisis": lambda s: s.rng.choice(CRISES),
    "agenda": lambda s: s.rng.choice(AGENDA),
    "reason": lambda s: s.rng.choice(REASONS),
}


def _capitalize(sentence: str) -> str:
    for i, ch in enumerate(sentence):
        if ch.isalpha():
            return sentence[:i] + ch.upper() + sentence[i + 1 :]
    return sentence


def word_count(text: str) -> int:
    """Words as whitespace-separated tokens, the measure the 400-900 bound uses."""
    return len(text.split())


class _Deck:
    """Draw templates without repeats until the pool runs out, then reshuffle."""

    def __init__(self, rng: random.Random, pool: Sequence[str]) -> None:
        self.rng = rng
        self.pool = list(pool)
        self.cards: list[str] = []

    def draw(self) -> str:
        if not self.cards:
            self.cards = self.pool[:]
            self.rng.shuffle(self.cards)
        return self.cards.pop()


_PERSON_REF = re.compile(r"\{(person\d?|judge)(\.\w+)?\}")


class _Writer:
    """Composes the sentences of one ordinary story.

    Keeps track of who has been introduced, so a surname or a quote frame is
    only used for someone the story has already named in full.
    """

    def __init__(self, slots: _Slots) -> None:
        rng = slots.rng
        self.slots = slots
        self.rng = rng
        self.topical = _Deck(rng, slots.topic.sentences)
        self.generic = _Deck(rng, GENERIC_SENTENCES)
        self.intros = _Deck(rng, QUOTE_INTROS)
        self.frames = _Deck(rng, QUOTE_FRAMES)
        self.introduced: set[str] = set()

    def _draw(self) -> str:
        roll = self.rng.random()
        if roll < 0.66:
            return self.topical.draw()
        if roll < 0.84:
            return self.generic.draw()
        speaker = self.rng.choice(("person", "person2", "person3"))
        deck = self.frames if speaker in self.introduced else self.intros
        return deck.draw().replace("{speaker", "{" + speaker)

    def _readable(self, template: str) -> bool:
        refs = _PERSON_REF.findall(template)
        named = {key for key, attr in refs if attr in ("", ".role")} | self.introduced
        return all(key in named for key, _ in refs)

    def sentence(self) -> str:
        template = self._draw()
        for _ in range(10):
            if self._readable(template):
                break
            template = self._draw()
        self.introduced.update(k for k, a in _PERSON_REF.findall(template) if a in ("", ".role"))
        return _capitalize(self.slots.fill(template))

    def paragraph(self) -> list[str]:
        return [self.sentence() for _ in range(self.rng.choice((1, 2, 2, 3, 3, 4)))]


def _join(paragraphs: Iterable[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def _fit(paragraphs: list[list[str]], more: Callable[[], list[str]], target: int) -> None:
    """Append paragraphs until ``target`` words, then trim sentences back under the maximum."""
    total = sum(word_count(s) for p in paragraphs for s in p)
    while total < target:
        paragraph = more()
        paragraphs.append(paragraph)
        total += sum(word_count(s) for s in paragraph)
    while total > MAX_WORDS:
        last = paragraphs[-1]
        total -= word_count(last.pop())
        if not last:
            paragraphs.pop()


# --------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------


def _published(rng: random.Random) -> dt.date:
    start = dt.date(2024, 1, 1)
    return start + dt.timedelta(days=rng.randrange((dt.date(2026, 12, 31) - start).days + 1))


def _ordinary(rng: random.Random, doc_id: str) -> Document:
    published = _published(rng)
    topic = rng.choice(TOPICS)
    slots = _Slots(rng, topic, published)
    writer = _Writer(slots)
    title = _capitalize(slots.fill(rng.choice(topic.titles)))
    lead = writer.paragraph()
    lead[0] = slots.fill(rng.choice(DATELINES)) + lead[0]
    paragraphs = [lead]
    _fit(paragraphs, writer.paragraph, rng.randint(MIN_WORDS + 30, MAX_WORDS - 50))
    text = _join(paragraphs)
    hit = meeting_mention(title + "\n" + text)
    if hit is not None:
        # A template bug, not bad luck: ordinary text must never name a meeting.
        raise AssertionError(f"{doc_id}: ordinary text mentions {hit!r}")
    return Document(id=doc_id, text=text, published=published, title=title)


def _actor_slots(slots: _Slots, forum: Forum, country: Country, first: bool) -> None:
    """Point the claim-template slots at a new actor from ``country``."""
    rng = slots.rng
    role = rng.choice(forum.roles)
    title = country.titles[role]
    person = _person(rng)
    title_l = title if title.startswith(("Secretary", "Chancellor of")) else title.lower()
    full = f"{country.adj} {title} {person}"
    subjects = [
        full,
        f"{person}, {country.poss} {title_l},",
        f"{country.poss} {title_l}, {person},",
    ]
    objects = [full]
    if not first:
        # The office alone ("Germany's defence minister"), as later paragraphs often do.
        subjects.append(f"{country.poss} {title_l}")
        objects.append(f"{country.poss} {title_l}")
    deputy_title = "Vice President" if title == "President" else f"Deputy {title}"
    if role == "leader":
        deputy_title = rng.choice((deputy_title, country.titles["foreign_minister"]))
    deputy = rng.choice(
        (
            f"{deputy_title} {_person(rng)}",
            f"{_person(rng)}, the deputy {title_l},",
            f"State Secretary {_person(rng)}",
            f"{country.poss} ambassador, {_person(rng)},",
        )
    )
    slots.update(
        actor=rng.choice(subjects),
        actor_obj=rng.choice(objects),
        short_actor_c=_capitalize(f"{country.adj} {title_l} {person.last}"),
        he=person.he,
        his=person.his,
        deputy=deputy,
        country=country.name,
        country_c=_capitalize(country.name),
        adj=country.adj,
        poss=country.poss,
        capital=country.capital,
        title_l=title_l,
        spokes=str(_person(rng)),
    )
    slots["anon"] = slots.fill(rng.choice(ANON_SOURCES))
    slots["named"] = slots.fill(rng.choice(NAMED_SOURCES))
    slots["speaker"] = person.last if str(person) in str(slots["actor"]) else f"the {title_l}"


# Ordinary filler in a meeting story reads like the world and business pages.
_MEETING_FILLER = tuple(t for t in TOPICS if t.name in ("economy", "business earnings"))


def _meeting(rng: random.Random, doc_id: str) -> Document:
    """A story with one to three attendance statements, meeting background and filler."""
    published = _published(rng)
    slots = _Slots(rng, rng.choice(_MEETING_FILLER), published)
    writer = _Writer(slots)
    forum = rng.choice(FORUMS)
    slots.update(
        forum=rng.choice(forum.names),
        short=forum.short,
        mcity=rng.choice(forum.cities),
        when=slots.fill(rng.choice(WHEN)),
    )
    members = rng.sample(forum.members, k=min(len(forum.members), rng.randint(1, 3)))
    claims = _Deck(rng, CLAIM_TEMPLATES)
    context = _Deck(rng, MEETING_CONTEXT)

    def background(k: int) -> list[str]:
        return [_capitalize(slots.fill(context.draw())) for _ in range(k)]

    def statement() -> list[str]:
        sentences = [_capitalize(slots.fill(claims.draw()))]
        if rng.random() < 0.35:
            quote = slots.fill(rng.choice(MEETING_QUOTES))
            sentences.append(f'"{quote}," {slots["speaker"]} said.')
        return sentences + background(rng.randint(0, 2))

    _actor_slots(slots, forum, COUNTRIES[members[0]], first=True)
    title = _capitalize(slots.fill(rng.choice(MEETING_TITLES)))
    lead = statement()
    if rng.random() < 0.5:
        lead[0] = f"{str(slots['mcity']).upper()} — {lead[0]}"
    body: list[list[str]] = []
    for country_name in members[1:]:
        _actor_slots(slots, forum, COUNTRIES[country_name], first=False)
        body.append(statement())
    body.extend(background(rng.randint(1, 3)) for _ in range(rng.randint(2, 4)))
    # Ordinary filler to a random length; the meeting paragraphs go in at random
    # places, the filler keeps its order (its people are introduced before quoted).
    paragraphs: list[list[str]] = []
    body_words = sum(word_count(s) for p in [lead, *body] for s in p)
    _fit(paragraphs, writer.paragraph, rng.randint(MIN_WORDS + 30, MAX_WORDS - 50) - body_words)
    for paragraph in body:
        paragraphs.insert(rng.randint(0, len(paragraphs)), paragraph)
    paragraphs.insert(0, lead)
    _fit(paragraphs, writer.paragraph, MIN_WORDS + 30)
    return Document(id=doc_id, text=_join(paragraphs), published=published, title=title)


def generate(n: int = 5000, seed: int = 0, meeting_share: float = 0.05) -> list[Document]:
    """``n`` deterministic news-length documents; ``round(n * meeting_share)`` are meeting ones.

    Meeting documents (ids ``meet-NNNNN``) sit at seeded random positions among the
    ordinary ones (``news-NNNNN``); NNNNN is the position in the returned list.
    """
    if n < 0 or not 0.0 <= meeting_share <= 1.0:
        raise ValueError("n must be >= 0 and meeting_share in [0, 1]")
    rng = random.Random(seed)
    meeting_positions = set(rng.sample(range(n), k=round(n * meeting_share)))
    docs: list[Document] = []
    for i in range(n):
        if i in meeting_positions:
            doc = _meeting(rng, f"{MEETING_PREFIX}{i:05d}")
        else:
            doc = _ordinary(rng, f"{NEWS_PREFIX}{i:05d}")
        words = word_count(doc.text)
        if not MIN_WORDS <= words <= MAX_WORDS:
            raise AssertionError(f"{doc.id}: {words} words, outside {MIN_WORDS}-{MAX_WORDS}")
        docs.append(doc)
    return docs


def document_to_dict(doc: Document) -> dict[str, object]:
    """The FORMAT.md input shape of a document."""
    return {
        "id": doc.id,
        "published": doc.published.isoformat() if doc.published else None,
        "title": doc.title,
        "text": doc.text,
    }


def write_jsonl(docs: Iterable[Document], path: str | Path) -> int:
    """Write documents as FORMAT.md JSON Lines; returns how many were written."""
    count = 0
    with Path(path).open("w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(document_to_dict(doc), ensure_ascii=False) + "\n")
            count += 1
    return count


def read_jsonl(path: str | Path, limit: int | None = None) -> list[Document]:
    """Read FORMAT.md JSON Lines (gold ``claims`` ignored), at most ``limit`` documents."""
    docs: list[Document] = []
    with Path(path).open(encoding="utf-8") as src:
        for line in src:
            if limit is not None and len(docs) >= limit:
                break
            if line.strip():
                docs.append(Document.from_dict(json.loads(line)))
    return docs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=5000, help="number of documents")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--meeting-share", type=float, default=0.05)
    parser.add_argument("-o", "--output", required=True, help="JSON Lines file to write")
    args = parser.parse_args(argv)
    docs = generate(args.docs, seed=args.seed, meeting_share=args.meeting_share)
    write_jsonl(docs, args.output)
    meetings = sum(d.id.startswith(MEETING_PREFIX) for d in docs)
    words = sum(word_count(d.text) for d in docs)
    print(
        f"wrote {len(docs)} documents ({meetings} meeting, {len(docs) - meetings} ordinary, "
        f"{words / max(len(docs), 1):.0f} words on average) to {args.output}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
