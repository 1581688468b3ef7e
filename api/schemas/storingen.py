"""What the console shows of technically stuck work: activities that keep failing, and workflows whose
own code keeps failing (Temporal's TemporalReportedProblems)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class VastgelopenActiviteit(BaseModel):
    workflow_id: str
    activity_id: str
    activiteit: str = Field(description="Het soort werk dat mislukt, bijvoorbeeld deliver_letter.")
    pogingen: int
    laatste_fout: str = Field(description="Alleen de soort fout, nooit gegevens van een persoon.")
    sinds: datetime
    volgende_poging: datetime | None
    traject: str | None
    kenmerk: str | None
    temporal_url: str


class VastgelopenWorkflow(BaseModel):
    workflow_id: str
    problemen: list[str] = Field(description="Zoals Temporal ze meldt, bijvoorbeeld category=WorkflowTaskFailed.")
    gestart_op: datetime | None
    traject: str | None
    kenmerk: str | None
    temporal_url: str


class Storingen(BaseModel):
    activiteiten: list[VastgelopenActiviteit]
    workflows: list[VastgelopenWorkflow]
    drempel_pogingen: int = Field(description="Vanaf zoveel pogingen staat een activiteit in deze lijst.")


class Herstart(BaseModel):
    workflow_id: str
    activity_id: str
    status: str = Field(description="'opnieuw_gestart': de activiteit draait nu meteen opnieuw.")
