"""The words mail clients and people put around a reply, per language, as regex fragments.

Data only: ``mailbot.mail.split`` decides how they are used. To teach the splitter a
language, add its words here. Each tuple is joined with ``|`` into one alternation and
matched case-insensitively; a fragment may use regex syntax (``\\s+``, ``(?:...)``).
"""

from __future__ import annotations

from collections.abc import Iterable


def alternation(fragments: Iterable[str]) -> str:
    """One regex group that matches any of the fragments."""
    return "(?:" + "|".join(fragments) + ")"

# The verb of an attribution line: "On <date>, <name> wrote:", "Op <datum> schreef <naam>:".
WROTE = (
    r"wrote", r"writes", r"said", r"sent",  # English
    r"het\s+volgende\s+geschreven", r"schreef", r"geschreven",  # Dutch
    r"schrieb", r"geschrieben", r"schrieben\s+Sie",  # German
    r"a\s+[ée]crit", r"nous\s+a\s+dit",  # French
    r"escribi[óo]",  # Spanish
    r"ha\s+scritto",  # Italian
    r"escreveu",  # Portuguese
    r"napisa[łl]\s*\(a\)", r"napisa[łl]a?",  # Polish
    r"naps[aá]l(?:\s*\(a\)|a)?", r"nap[ií]sal(?:\s*\(a\)|a)?",  # Czech, Slovak
    r"написал[аи]?", r"пише",  # Russian, Ukrainian
    r"skrev",  # Swedish, Norwegian, Danish
    r"kirjoitti", r"írta",  # Finnish, Hungarian
    r"yazdı",  # Turkish
    r"έγραψε",  # Greek
    r"đã\s+viết",  # Vietnamese
    r"写道", r"寫道",  # Chinese
)

# Words an attribution line may start with, before its date.
ATTRIBUTION_START = (
    r"on", r"at", r"in\s+message",  # English
    r"op",  # Dutch
    r"am",  # German
    r"le",  # French
    r"el", r"en",  # Spanish
    r"il", r"in\s+data",  # Italian
    r"em",  # Portuguese
    r"dnia", r"d[ňn]a", r"w\s+dniu", r"dne",  # Polish, Slovak, Czech
    r"den", r"på", r"søn\.?",  # Scandinavian
    r"в", r"на",  # Russian
    r"στις",  # Greek
    r"vào",  # Vietnamese
    r"在",  # Chinese
)

# Of those, the ones that also stand in the middle of a header ("... 2011-03-01 at 18:02", "... г. в 15:19") or are
# everyday words elsewhere (Dutch "en"): where a header begins that shares a line with the person's words, never these.
INSIDE_ATTRIBUTION = (r"at", r"в", r"на", r"en", r"in\s+message")

# Day names (full and short) that start an attribution without a preposition ("понедельник, 6 октября 2014 г. ...").
WEEKDAYS = (
    r"maandag", r"dinsdag", r"woensdag", r"donderdag", r"vrijdag", r"zaterdag", r"zondag",
    r"monday", r"tuesday", r"wednesday", r"thursday", r"friday", r"saturday", r"sunday",
    r"montag", r"dienstag", r"mittwoch", r"donnerstag", r"freitag", r"samstag", r"sonntag",
    r"lundi", r"mardi", r"mercredi", r"jeudi", r"vendredi", r"samedi", r"dimanche",
    r"понедельник", r"вторник", r"среда", r"четверг", r"пятница", r"суббота", r"воскресенье",
    r"пн", r"вт", r"ср", r"чт", r"пт", r"сб", r"вс",
    # Scandinavian and Finnish short forms only before a day's number ("tir. 18. apr.", "pe 20. lokakuuta")
    r"(?:man|tir|ons|tor|fre|lør|søn)\.(?=\s*\d)", r"(?:ma|ti|ke|to|pe|la|su)(?=\s+\d{1,2}\.)",
)  # fmt: skip

# A line announcing the original below it: "-----Oorspronkelijk bericht-----", "Begin forwarded message:".
SEPARATORS = (
    r"original\s+message", r"forwarded\s+message", r"reply\s+message", r"message\s+forwarded",
    r"oorspronkelijk\s+bericht", r"origineel\s+bericht", r"doorgestuurd\s+bericht", r"doorgestuurde\s+e-?mail",
    r"urspr[üu]ngliche\s+nachricht", r"originalnachricht", r"antwort\s+nachricht", r"weitergeleitete\s+nachricht",
    r"message\s+d'origine", r"message\s+original", r"message\s+transf[ée]r[ée]",
    r"mensaje\s+original", r"mensaje\s+reenviado",
    r"messaggio\s+originale", r"messaggio\s+inoltrato",
    r"mensagem\s+original", r"mensagem\s+encaminhada",
    r"wiadomo[śs][ćc]\s+oryginalna", r"przekazana\s+wiadomo[śs][ćc]",
    r"исходное\s+сообщение", r"пересылаемое\s+сообщение", r"переслане\s+повідомлення",
    r"ursprungligt\s+meddelande", r"originalmeddelande", r"vidarebefordrat\s+meddelande",
    r"opprinnelig\s+melding", r"videresendt\s+melding", r"oprindelig\s+(?:besked|meddelelse)",
    r"原始邮件", r"原始郵件", r"转发邮件",
)  # fmt: skip
BEGIN_FORWARD = (
    r"begin\s+forwarded\s+message", r"begin\s+doorgestuurd\s+bericht", r"doorgestuurd\s+bericht",
    r"anfang\s+der\s+weitergeleiteten\s+nachricht",
    r"d[ée]but\s+du\s+message\s+(?:r[ée]exp[ée]di[ée]|transf[ée]r[ée])",
    r"inicio\s+del\s+mensaje\s+reenviado", r"inizio\s+messaggio\s+inoltrato",
    r"in[íi]cio\s+da\s+mensagem\s+reencaminhada",
)  # fmt: skip

# The fields of an embedded header block (Outlook, Gmail and Apple forwards), by what they hold.
FIELDS = {
    "from": (r"from", r"van", r"von", r"de", r"da", r"fr[åa]n", r"fra", r"od", r"от", r"exp[ée]diteur", r"发件人",
             r"寄件者", r"lähettäjä"),
    "date": (r"sent", r"date", r"verzonden", r"verstuurd", r"datum", r"gesendet", r"envoy[ée](?:\s+le)?",
             r"date\s+d'envoi", r"enviado(?:\s+el)?", r"enviada\s+em", r"fecha", r"data", r"skickat", r"sendt",
             r"dato", r"message\s+du", r"wys[łl]ano", r"отправлено", r"дата", r"发送时间", r"日期", r"lähetetty"),
    "to": (r"to", r"aan", r"an", r"[àa]", r"destinataire", r"para", r"till?", r"do", r"кому", r"收件人",
           r"vastaanottaja"),
    "cc": (r"cc", r"bcc", r"kopie", r"copie\s+[àa]", r"c[óo]pia", r"копия", r"抄送"),
    "subject": (r"subject", r"onderwerp", r"betreff", r"objet", r"sujet", r"asunto", r"assunto", r"oggetto",
                r"[äa]mne", r"emne", r"temat", r"тема", r"主题", r"主旨", r"aihe"),
    "reply_to": (r"reply-to", r"beantwoorden(?:\s+-\s+aan)?", r"antwoord\s+aan", r"antwort\s+an",
                 r"r[ée]pondre\s+[àa]", r"responder\s+a", r"risposta", r"svara\s+till"),
    "other": (r"priority", r"prioriteit", r"priorit[äa]t", r"importance", r"urgentie", r"priorit[ée]"),
}

# The first line of a closing: "Met vriendelijke groet,", "Kind regards", "Viele Grüße".
SIGN_OFFS = (
    # Dutch
    r"(?:met\s+)?(?:vriendelijke|hartelijke|beste|warme|collegiale|zonnige|fijne|lieve|sportieve|goede|veel)"
    r"\s+groet(?:en|jes)?",
    r"groet(?:en|jes)?", r"mvg", r"m\.v\.g\.?", r"vr\.?\s?gr\.?", r"gr\.?", r"hgr\.?", r"met\s+groet",
    r"(?:alvast\s+)?(?:hartelijk\s+)?bedankt", r"dank(?:je|\s+je|\s+u)?(?:\s+wel)?", r"tot\s+(?:dan|ziens|snel)",
    # English
    r"(?:kind|best|warm|warmest|kindest|many|with\s+kind|with\s+best|all\s+the)\s+(?:regards|wishes)", r"regards",
    r"best", r"cheers", r"sincerely", r"yours(?:\s+sincerely|\s+truly|\s+faithfully)?", r"(?:many\s+)?thanks",
    r"thanks\s+(?:again|a\s+lot|in\s+advance)", r"thank\s+you(?:\s+very\s+much)?", r"/?\s*greetings",
    r"see\s+you(?:\s+soon|\s+then)?", r"take\s+care",
    # German
    r"(?:viele|liebe|beste|freundliche|herzliche|sch[öo]ne)\s+gr[üu](?:ß|ss)e",
    r"mit\s+(?:freundlichen|besten|lieben|herzlichen)\s+gr[üu](?:ß|ss)en", r"gru(?:ß|ss)", r"lg", r"mfg",
    # French, Spanish, Italian, Portuguese
    r"cordialement", r"bien\s+[àa]\s+vous", r"salutations", r"amicalement", r"bises",
    r"(?:un\s+)?saludos?", r"atentamente", r"cumprimentos", r"atenciosamente", r"abra[çc]os",
    r"(?:cordiali|distinti)?\s*saluti", r"un\s+saluto",
    # Scandinavian, Polish, Russian
    r"med\s+v[äa]nlig\s+h[äa]lsning", r"mvh", r"vennlig\s+hilsen", r"med\s+venlig\s+hilsen", r"hilsen",
    r"pozdrawiam", r"z\s+powa[żz]aniem", r"с\s+уважением",
)

# A device or app signature: "Verzonden vanaf mijn iPhone", "Get Outlook for iOS", "Von meinem iPhone gesendet".
DEVICE_SIGNATURES = (
    # English
    r"sent\s+(?:from|via|with|by|using)\s+(?:my|a|the)\s+[^,.;]{1,40}(?:[,.]\s+(?:please\s+)?excuse.*)?[.]?",
    r"sent\s+(?:from|via|with|by|using)\s+(?:\[?(?:outlook|mail|gmail|yahoo|aol|mailbox|airmail|spark|proton\s?mail"
    r"|blackberry|samsung|galaxy|iphone|ipad|android|windows|mobile|edison|newton|bluemail|fairemail|k-9|myMail"
    r"|typeapp|nine|zoho|icloud|hotmail|superhuman|hey)\b).{0,60}",
    r"get\s+(?:\[\s*)?outlook\s+for\s+.{1,40}", r"\w+\s+from\s+mobile", r"from\s+my\s+(?:iphone|ipad|android|mobile"
    r"|phone|samsung|galaxy|blackberry|smartphone|tablet|cell)\b.{0,30}",
    # Dutch
    r"(?:verzonden|verstuurd)\s+(?:vanaf|vanuit|met|via|van|op)\s+(?:mijn|een)\s+[^,.;]{1,40}[.]?",
    r"(?:verzonden|verstuurd)\s+(?:vanaf|vanuit|met|via|van)\s+(?:outlook|mail|gmail|yahoo|blackberry|samsung|galaxy"
    r"|iphone|ipad|android|windows|ziggo|kpn|hotmail|telenet|proton\s?mail|spark)\b.{0,50}",
    r"(?:download\s+)?outlook\s+voor\s+(?:ios|android)(?:\s+downloaden|\s+ophalen)?",
    r"outlook\s+downloaden\s+voor\s+.{1,20}",
    # German
    r"von\s+meinem\s+.{1,50}\s+gesendet", r"gesendet\s+(?:von|mit|vom)\s+(?:meinem|meiner|mein|der|dem)?\s*.{1,50}",
    r"diese\s+nachricht\s+wurde\s+von\s+.{1,80}\s+gesendet",
    # French, Italian, Spanish, Portuguese
    r"t[ée]l[ée]charger\s+outlook\s+pour\s+.{1,20}",
    r"envoy[ée]\s+(?:depuis|de|à\s+partir\s+de|avec|par)\s+(?:mon|ma|yahoo|outlook|l'application|\S+\s+pour).{0,60}",
    r"inviato\s+da\s+.{1,50}", r"enviado\s+(?:desde|do|de|con|com)\s+(?:mi|meu|o|el|la|outlook|yahoo|\S+).{0,50}",
    # Scandinavian, Polish, Russian, Chinese
    r"sendt\s+fra\s+.{1,50}", r"skickat\s+fr[åa]n\s+.{1,50}", r"fr[åa]n\s+min\s+.{1,40}", r"wys[łl]ane\s+z\s+.{1,50}",
    r"отправлено\s+с\s+.{1,50}", r"從我的\s?iphone\s?傳送", r"发自我的\s?\w+",
)

# The start of a legal disclaimer or a print-less-please footer.
DISCLAIMERS = (
    # Dutch
    r"dit\s+(?:e-?mail)?\s*(?:bericht|e-?mail)\S*\s.*\b(?:uitsluitend|alleen|enkel|slechts)\b.*\bbestemd",
    r"(?:de|deze)\s+informatie\s+(?:verzonden\s+)?(?:in|met|opgenomen\s+in)\s+(?:dit|deze)\s+(?:e-?mail)?\s*"
    r"(?:bericht|e-?mail)\S*\s.*\b(?:bestemd|vertrouwelijk)",
    r"(?:dit|deze)\s+(?:e-?mail(?:bericht)?|bericht)\s+(?:kan|bevat)\s+(?:\w+\s+)?vertrouwelijke",
    r"aan\s+(?:de\s+inhoud\s+van\s+)?(?:dit|deze)\s+(?:e-?mail)?\s*(?:bericht|e-?mail)\S*\s+kunnen\s+geen\s+rechten",
    r"indien\s+u\s+(?:dit|deze)\s+(?:e-?mail)?\s*(?:bericht|e-?mail)\S*\s+(?:ten\s+onrechte|abusievelijk|per\s+vergissing)",
    r"(?:dit|deze)\s+(?:e-?mail)?\s*(?:bericht|e-?mail)\S*\s+(?:kan|kunnen)\s+(?:\w+\s+){0,3}informatie\s+bevatten",
    r"(?:indien|als)\s+u\s+niet\s+de\s+(?:beoogde\s+)?geadresseerde\s+bent",
    r"denk\s+aan\s+het\s+milieu", r"print\s+(?:deze|dit)\s+(?:e-?mail|bericht)\s+alleen",
    # English
    r"this\s+(?:e-?mail|message|communication)\b.{0,120}\b(?:confidential|intended\s+(?:only|solely|exclusively)"
    r"|privileged)",
    r"the\s+(?:information|contents?)\s+(?:contained\s+)?in\s+this\s+(?:e-?mail|message|communication)",
    r"(?:confidentiality|legal|privacy)\s+(?:notice|disclaimer)\b", r"disclaimer\s*:",
    r"if\s+you\s+(?:are\s+not\s+the\s+intended\s+(?:recipient|addressee)|have\s+received\s+this\s+(?:e-?mail|message)"
    r"\s+in\s+error)",
    r"please\s+consider\s+the\s+environment", r"think\s+before\s+you\s+print",
    # German, French
    r"diese\s+(?:e-?mail|nachricht)\s+(?:enth[äa]lt|kann)\s+vertrauliche", r"ce\s+(?:message|courriel)\b.{0,80}"
    r"\bconfidentiel",
)

# A greeting at the top of a reply.
SALUTATIONS = (
    r"beste", r"hoi", r"hallo", r"hai", r"hi", r"hello", r"hey", r"dear", r"geachte", r"goedemorgen", r"goedemiddag",
    r"goedenavond", r"good\s+(?:morning|afternoon|evening)",
)
