"""One sheet: labels, Markdown, the template context, the theme, HTML to PDF."""
