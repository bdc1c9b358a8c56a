"""Server-rendered pages (Jinja2, Chinese and English) for reviewers, MDT panels and hospitals."""
