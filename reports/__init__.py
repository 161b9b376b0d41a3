"""The weekly meeting pack (주간 성과회의 자료): content, chart images, PDF/PPTX/XLSX.

Plain Python, no Streamlit: the same code serves the one-click download on the meeting
page and the scheduler CLI (``python -m reports.weekly``).
"""
