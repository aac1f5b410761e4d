"""What needs a person: a question, a message we cannot place, something about a colleague, a file,
another language, a mail that contradicts itself. It goes to the organiser at once (``respond``),
and the reply tells the person exactly that; nothing is dropped and nothing is changed on a guess."""

from __future__ import annotations

from mailbot.core.domain import Finding
from mailbot.handlers import HandlerContext, Outcome, needs_human
from mailbot.store.models import Note
from mailbot.understand import Found

# finding -> the sentence the reply gets (``_also`` partial); the forward names the finding itself
_SAY = {Finding.QUESTION: "question_passed", Finding.MESSAGE: "message_passed", Finding.COLLEAGUE: "colleague_passed",
        Finding.ATTACHMENT: "attachment_passed", Finding.LANGUAGE: "language_passed",
        Finding.CONTRADICTION: "contradiction_passed", Finding.UNPLACED: "unplaced_passed"}


def handle(ctx: HandlerContext, found: Found) -> Outcome:
    ctx.response.hand_over(found.data.get("reason", found.kind), found.text)  # the reason, where it is finer
    ctx.response.say(_SAY[found.kind], text=found.text, **{k: v for k, v in found.data.items() if k in ("who", "why")})
    if ctx.participant is not None and found.kind in (Finding.QUESTION, Finding.MESSAGE, Finding.COLLEAGUE):
        ctx.participant.notes.append(Note(message=ctx.row, source="question" if found.kind == Finding.QUESTION
                                          else "remark", text=found.text[:4000], flagged=True, created_at=ctx.now))
    return needs_human(f"{found.kind}: handed to the organiser")


def ask_back(ctx: HandlerContext, found: Found) -> Outcome:
    """Unclear, and acting on a guess would change something: nothing changes, the person gets one short
    question in their language, and the organiser sees the mail."""
    ctx.response.hand_over(found.kind, found.text)
    ctx.response.say("ask_back", about=found.data.get("about", "other"), word=found.data.get("word", ""),
                     text=found.text)
    return needs_human(f"unclear ({found.data.get('about', 'other')}): asked back, handed to the organiser")
