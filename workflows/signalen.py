"""The names of the signals one workflow sends another. They live apart from the workflows: the sandbox imports a
workflow's own module afresh for every run, so a traject that imported the request's workflow module for two
names paid for importing all of it with every new traject."""

# A creditor request tells its traject it escalated, or that it is done.
VERZOEK_GEESCALEERD = "verzoek_geescaleerd"
VERZOEK_AFGEROND = "verzoek_afgerond"
# A traject tells its open requests that it ended early.
TRAJECT_GESTOPT = "traject_gestopt"
# A traject tells its settlement to stop, or that its caseworker changed.
REGELING_STOPPEN = "stoppen"
HULPVERLENER = "hulpverlener"
