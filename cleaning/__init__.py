"""Pure cleaning steps over :class:`cleaning.document.Document`: no I/O anywhere below."""
