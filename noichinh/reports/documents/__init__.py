"""Documents of the reports area: the agency XLSX template, the briefing report (DOCX, PDF),
the tables as XLSX, and charts (PNG)."""
