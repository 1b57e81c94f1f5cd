"""A response's text: layout cleaning, notes, boilerplate, the conservation check."""
