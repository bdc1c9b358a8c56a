"""The facts behind one claim: patient, tumour, stage and molecular profile.

Reports are views on these facts; gold labels are derived from the same facts and from what each
report chose to print, so a report and its labels cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace

from review_engine.corpus import vocab


@dataclass(frozen=True)
class Patient:
    name: str
    sex: str
    age: int
    birth_date: dt.date
    hospital_id: str
    language: str


@dataclass(frozen=True)
class Stage:
    t: str
    n: str
    m: str
    group: str
    prefix: str  # c or p


@dataclass(frozen=True)
class VariantFact:
    key: str | None
    """Alteration key in variants.yaml; None for a synthetic VUS (fields below carry it)."""
    vaf: float | None = None
    copy_number: float | None = None
    status: str = "detected"
    origin: str | None = "somatic"
    gene: str = ""
    hgvs_p: str | None = None
    hgvs_c: str | None = None
    alteration: str = ""

    def data(self) -> dict:
        base = dict(vocab.alteration(self.key)) if self.key else {}
        base.setdefault("gene", self.gene)
        base.setdefault("alteration", self.alteration)
        if self.hgvs_p:
            base["hgvs_p"], base["hgvs_c"] = self.hgvs_p, self.hgvs_c
        return base


@dataclass
class Profile:
    variants: list[VariantFact] = field(default_factory=list)
    vus: list[VariantFact] = field(default_factory=list)
    msi: str = "MSS"
    tmb: float = 4.0
    pdl1_tps: float | None = None
    pdl1_cps: float | None = None
    pdl1_clone: str = "22C3"
    her2_ihc: str | None = None
    her2_fish: str | None = None
    er: float | None = None
    pr: float | None = None
    ki67: float | None = None
    mmr: str = "pMMR"

    def detected_genes(self) -> set[str]:
        return {v.data()["gene"] for v in self.variants}


@dataclass
class Case:
    case_id: str
    language: str
    cancer_key: str
    patient: Patient
    stage: Stage
    profile: Profile
    service_date: dt.date
    hospital: str
    department: str
    doctor: str

    @property
    def cancer(self) -> dict:
        return vocab.cancer(self.cancer_key)


def sample_patient(rng: random.Random, language: str, sex: str | None, today: dt.date) -> Patient:
    names = vocab.load("names")[language]
    sex = sex or rng.choice("MF")
    if language == "zh":
        given = names["given_male" if sex == "M" else "given_female"]
        name = rng.choice(names["surnames"]) + rng.choice(given)
        hospital_id = rng.choice(["ZY", "", "H", "BA"]) + str(rng.randint(100000, 9999999))
    else:
        first = names["first_male" if sex == "M" else "first_female"]
        name = f"{rng.choice(first)} {rng.choice(names['last'])}"
        hospital_id = rng.choice(["MRN", "", "PT-"]) + str(rng.randint(1000000, 99999999))
    age = rng.randint(34, 82)
    birth = today - dt.timedelta(days=age * 365 + rng.randint(1, 360))
    return Patient(name, sex, age, birth, hospital_id, language)


def other_patient(rng: random.Random, patient: Patient, today: dt.date) -> Patient:
    """A different person of the same sex: name and hospital ID both differ (PATIENT_MISMATCH)."""
    for _ in range(20):
        other = sample_patient(rng, patient.language, patient.sex, today)
        if other.name != patient.name and other.hospital_id != patient.hospital_id:
            return other
    return replace(other, name=other.name + ("明" if patient.language == "zh" else "son"))


def sample_vaf(rng: random.Random) -> float:
    return round(rng.uniform(0.02, 0.62), 3 if rng.random() < 0.5 else 4)


def sample_vus(rng: random.Random, gene: str | None = None) -> VariantFact:
    """A synthetic variant of uncertain significance with a cDNA position consistent with its codon."""
    data = vocab.load("variants")
    gene = gene or rng.choice(data["vus_genes"])
    one = data["amino_acids"]
    ref, alt = rng.sample(sorted(k for k in one if k != "Ter"), 2)
    pos = rng.randint(40, 1400)
    c_pos = 3 * pos - rng.randint(0, 2)
    nt_ref, nt_alt = rng.sample("ACGT", 2)
    return VariantFact(
        key=None, vaf=sample_vaf(rng), status="vus", gene=gene,
        hgvs_p=f"p.{ref}{pos}{alt}", hgvs_c=f"c.{c_pos}{nt_ref}>{nt_alt}",
        alteration=f"{one[ref]}{pos}{one[alt]}",
    )
