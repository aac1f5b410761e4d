"""Where a Dutch town lies: its province, and the region people name it by ("die in Brabant", "de Gelderse
bijeenkomst", "the one in Twente"). Knowledge a careful assistant has, not wording: a meeting's town (from its
address) is also named by these, as long as no other meeting lies there too (``mailbot.understand.references``).
"""

from __future__ import annotations

from mailbot.language.text import fold

# province (as people write it, first the name itself) -> its towns where a meeting may be held
_PROVINCES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("groningen",): ("groningen", "delfzijl", "veendam", "winschoten", "stadskanaal", "hoogezand", "eemshaven"),
    ("friesland", "fryslan"): ("leeuwarden", "sneek", "heerenveen", "drachten", "harlingen"),
    ("drenthe",): ("assen", "emmen", "hoogeveen", "meppel", "coevorden"),
    ("overijssel",): ("zwolle", "enschede", "hengelo", "almelo", "deventer", "kampen", "oldenzaal"),
    ("flevoland",): ("almere", "lelystad", "emmeloord", "dronten"),
    ("gelderland",): ("arnhem", "nijmegen", "apeldoorn", "ede", "wageningen", "doetinchem", "tiel", "harderwijk",
                      "zutphen", "winterswijk", "barneveld"),
    ("utrecht",): ("utrecht", "amersfoort", "veenendaal", "nieuwegein", "zeist"),
    ("noord-holland", "noord holland"): ("amsterdam", "haarlem", "alkmaar", "zaandam", "hilversum", "den helder",
                                         "hoorn", "purmerend", "schiphol"),
    ("zuid-holland", "zuid holland"): ("rotterdam", "den haag", "'s-gravenhage", "s-gravenhage", "leiden", "delft",
                                       "dordrecht", "zoetermeer", "gouda", "schiedam"),
    ("zeeland",): ("middelburg", "vlissingen", "goes", "terneuzen"),
    ("noord-brabant", "brabant"): ("eindhoven", "tilburg", "breda", "'s-hertogenbosch", "s-hertogenbosch",
                                   "den bosch", "helmond", "oss", "roosendaal", "bergen op zoom", "veghel", "uden"),
    ("limburg",): ("maastricht", "venlo", "heerlen", "sittard", "geleen", "roermond", "weert", "kerkrade"),
}
# regions within a province that people name a town by
_REGIONS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("twente",): ("enschede", "hengelo", "almelo", "oldenzaal"),
    ("achterhoek",): ("doetinchem", "winterswijk"),
    ("veluwe",): ("apeldoorn", "harderwijk", "barneveld"),
    ("zuid-limburg", "zuid limburg"): ("maastricht", "heerlen", "sittard", "geleen", "kerkrade"),
    ("noord-limburg", "noord limburg"): ("venlo",),
}
# adjectives the rule in references (place + "se", "er") does not make
_ADJECTIVES = {"gelderland": ("gelderse",), "overijssel": ("overijsselse",), "friesland": ("friese",),
               "drenthe": ("drentse",), "zeeland": ("zeeuwse",), "limburg": ("limburgse",),
               "utrecht": ("utrechtse",), "noord-brabant": ("brabantse",)}

_AREAS: dict[str, tuple[str, ...]] = {}
for _table in (_PROVINCES, _REGIONS):
    for _names, _towns in _table.items():
        for _town in _towns:
            _AREAS[_town] = (*_AREAS.get(_town, ()), *_names)


def areas_of(town: str) -> tuple[str, ...]:
    """The names (folded) of the province and regions a town lies in; none for a town we do not know."""
    return _AREAS.get(fold(town).strip(), ())


def adjectives_of(area: str) -> tuple[str, ...]:
    """An area's adjectives that do not follow the plain rule: "Gelderse", "Zeeuwse"."""
    return _ADJECTIVES.get(area, ())
