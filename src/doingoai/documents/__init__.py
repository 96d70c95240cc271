"""Official documents out: the plan's appendix tables, the execution report, a delegation's briefing.

Each writer takes the records as they stand now (an officer's corrections
included) and returns bytes: ``appendix`` (Word and Excel tables of Mẫu 04 /
Mẫu 05), ``report`` (the execution report in Word and PDF), ``briefing`` (a
delegation's one page for a leader). ``page`` holds what every Word document
shares: A4, the margins and fonts of Vietnamese administrative documents
(Nghị định 30/2020/NĐ-CP). The PDF writers embed the bundled Liberation
Serif (``fonts/``, SIL Open Font License), whose metrics match Times New
Roman and which carries every Vietnamese letter: no office suite at run time.
"""
