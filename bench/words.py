"""Word lists for generated case text: common words, the NLC domain, and a long tail.

Real text follows Zipf's law: a few words are everywhere and most are rare. The generator
draws from these lists with 1/rank weights so that searches match realistic shares of cases.
"""

import random

COMMON = """the of and to in a for with on by as that is was were are from at this its their
it be has have had which an or not also more new all into after between through who they them
over under each both other most many some first two three local national city cities people
public work year years time part group plan support across government while during where
when how than these those such only same made make set led joint regular early later""".split()  # noqa: SIM905

DOMAIN = """trust inclusivity coordination communication capacity sustainability strategy
prevention extremism polarisation hate violence resilience cohesion community youth women
mayor municipality council ministry agency taskforce committee network partnership dialogue
referral safeguarding mentoring outreach training workshop forum hotline helpline counselling
reintegration rehabilitation disengagement radicalisation misinformation disinformation
narrative campaign media online platform school teachers parents families faith leaders
religious interfaith police policing justice court prison probation social workers health
mental wellbeing psychosocial sport culture arts music festival neighbourhood district
province region federal state framework guidelines protocol mandate funding budget grant
evaluation monitoring indicators data survey research university evidence pilot scale
replication lessons practitioners frontline multi-agency case management risk assessment
early warning response crisis recovery victims survivors memorial reconciliation peace
unity migrants refugees minorities diaspora integration employment livelihoods vocational
entrepreneurship housing urban planning transport digital literacy critical thinking
citizenship participation consultation feedback accountability transparency legislation
policy action national-local cooperation vertical horizontal alignment localisation
decentralisation devolution mandate secondment liaison officer focal point coordinator
steering board memorandum understanding agreement charter declaration pledge summit
conference exchange peer learning toolkit handbook curriculum module certification
volunteers civil society organisations grassroots associations clubs centres libraries
hubs spaces safe inclusive accessible gender equality human rights dignity respect
tolerance empathy belonging identity heritage history memory commemoration anniversary""".split()  # noqa: SIM905

SYLLABLES = """ka lo mi na ru te vo sa di be ga hu ji ko la ma ne pi qua ro si tu va we xi ya zo
an el in on un ar er ir or ur ba ce de fi go""".split()  # noqa: SIM905


def tail_words(count, seed=7):
    """`count` distinct made-up words: the rare tail of a real vocabulary."""
    rng = random.Random(seed)
    words = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def place_names(count, seed=11):
    return [word.capitalize() for word in tail_words(count, seed)]
