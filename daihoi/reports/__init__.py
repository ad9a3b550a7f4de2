"""Printable reports: Excel workbooks and Party-format Word documents."""
