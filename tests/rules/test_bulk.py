import pytest

from mailbot.rules import bulk

from ._mail import OWN, mail

BULK = [
    "bulk_list_newsletter",  # List-Id, List-Unsubscribe, Precedence: bulk
    "bulk_precedence_only",
    "bulk_noreply_sender",
    "bulk_null_return_path",  # a ticket system's notification, sent with MAIL FROM:<>
    "bulk_verp_return_path",  # a mailing service's bounces+...@ envelope sender
]


@pytest.mark.parametrize("name", BULK)
def test_list_bulk_and_no_reply_mail(name: str) -> None:
    assert bulk.check(mail(name), OWN)


@pytest.mark.parametrize(
    "name",
    ["interest_plain_nl", "interest_outlook_html_only", "interest_gmail_multipart", "interest_question_inside",
     "interest_en", "interest_de", "interest_fr", "withdrawal_meld_af", "question_bijdrage", "enc_latin1_8bit_headers"],
)
def test_people_writing_themselves_are_not_bulk(name: str) -> None:
    assert not bulk.check(mail(name), OWN)
