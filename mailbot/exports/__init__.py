"""What the organiser opens in Excel: the participant export as CSV and XLSX, and its JSON for tools.

    records.py       the database -> one ParticipantRecord per person (a few plain queries)
    organisation.py  the answered organisation, and the mail-domain guess as a marked fallback
    wording.py       column headers and cell words in the organiser's language
    table.py         records -> a Table (header and rows of cells), the same for CSV and XLSX
    inert.py         text a spreadsheet could run as a formula made inert (OWASP's CSV injection advice)
    csv_file.py      a Table -> CSV bytes in the dialect Dutch Excel opens (or another)
    matches.py       who can help whom (``matching``) -> a Table
    workbook.py      a Table -> an .xlsx workbook, with a second sheet of counts per option (a third of matches)
"""
