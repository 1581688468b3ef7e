"""Request and response bodies, one module per resource family: requests validate what a person can get wrong,
responses are typed and never leak a column."""
