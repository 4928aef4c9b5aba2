"""Reading tables as officers make them, and writing workbooks back."""
