#!/usr/bin/env python3
"""Synthetic catalog in coverguide's own format, for benchmarks.

Generates a catalog folder (catalog/states/<st>/state.yaml and one
services/<id>.yaml per service) for the 56 jurisdictions. The services, their
titles, descriptions, billing codes, modifiers, rates, provider types,
settings, ages and citations are exactly those of the `yaml/` form that the
static-site-generator baseline corpus (gen_corpus.py) writes for the same N
and seed: the vocabulary and the model below are copied from it unchanged, so
a comparison of coverguide with Zola, Hugo or mdBook on that corpus builds the
same pages from the same text. Only the writer is new.

  gen_catalog.py N OUTDIR [--seed S] [--force]        N services, weighted over
                                                       jurisdictions as gen_corpus.py
  gen_catalog.py --per-state K OUTDIR [--seed S]      K services in every jurisdiction

Everything written is marked illustrative (synthetic benchmark data, not any
state's policy), and every page built from it says so. Deterministic for a
given (N or K, seed). Python 3 standard library only.
"""

import argparse
import json
import math
import os
import random
import re
import shutil
import sys

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

JURISDICTIONS = [
    ("al", "Alabama"), ("ak", "Alaska"), ("az", "Arizona"), ("ar", "Arkansas"),
    ("ca", "California"), ("co", "Colorado"), ("ct", "Connecticut"),
    ("de", "Delaware"), ("dc", "District of Columbia"), ("fl", "Florida"),
    ("ga", "Georgia"), ("hi", "Hawaii"), ("id", "Idaho"), ("il", "Illinois"),
    ("in", "Indiana"), ("ia", "Iowa"), ("ks", "Kansas"), ("ky", "Kentucky"),
    ("la", "Louisiana"), ("me", "Maine"), ("md", "Maryland"),
    ("ma", "Massachusetts"), ("mi", "Michigan"), ("mn", "Minnesota"),
    ("ms", "Mississippi"), ("mo", "Missouri"), ("mt", "Montana"),
    ("ne", "Nebraska"), ("nv", "Nevada"), ("nh", "New Hampshire"),
    ("nj", "New Jersey"), ("nm", "New Mexico"), ("ny", "New York"),
    ("nc", "North Carolina"), ("nd", "North Dakota"), ("oh", "Ohio"),
    ("ok", "Oklahoma"), ("or", "Oregon"), ("pa", "Pennsylvania"),
    ("ri", "Rhode Island"), ("sc", "South Carolina"), ("sd", "South Dakota"),
    ("tn", "Tennessee"), ("tx", "Texas"), ("ut", "Utah"), ("vt", "Vermont"),
    ("va", "Virginia"), ("wa", "Washington"), ("wv", "West Virginia"),
    ("wi", "Wisconsin"), ("wy", "Wyoming"), ("as", "American Samoa"),
    ("gu", "Guam"), ("mp", "Northern Mariana Islands"), ("pr", "Puerto Rico"),
    ("vi", "U.S. Virgin Islands"),
]

# (code, description, unit) -- five-digit CPT codes (no AMA descriptor text: it is licensed) and HCPCS level II.
CODES = {
    "behavioral": [
        ("90791", "Service reported with CPT code 90791", "per evaluation"),
        ("90792", "Service reported with CPT code 90792", "per evaluation"),
        ("90832", "Service reported with CPT code 90832", "per session"),
        ("90834", "Service reported with CPT code 90834", "per session"),
        ("90837", "Service reported with CPT code 90837", "per session"),
        ("90839", "Service reported with CPT code 90839", "per session"),
        ("90840", "Service reported with CPT code 90840", "30 minutes"),
        ("90846", "Service reported with CPT code 90846", "per session"),
        ("90847", "Service reported with CPT code 90847", "per session"),
        ("90853", "Service reported with CPT code 90853", "per session"),
        ("H0031", "Mental health assessment by non-physician", "per assessment"),
        ("H0032", "Mental health service plan development", "per plan"),
        ("H0036", "Community psychiatric supportive treatment, face-to-face", "15 minutes"),
        ("H0038", "Self-help/peer services", "15 minutes"),
        ("H0039", "Assertive community treatment, face-to-face", "15 minutes"),
        ("H2011", "Crisis intervention service", "15 minutes"),
        ("H2014", "Skills training and development", "15 minutes"),
        ("H2017", "Psychosocial rehabilitation services", "15 minutes"),
        ("H2019", "Therapeutic behavioral services", "15 minutes"),
        ("H2020", "Therapeutic behavioral services", "per diem"),
        ("H2033", "Multisystemic therapy for juveniles", "15 minutes"),
        ("T1017", "Targeted case management", "15 minutes"),
        ("99484", "Service reported with CPT code 99484", "per month"),
        ("99492", "Service reported with CPT code 99492", "per month"),
    ],
    "sud": [
        ("H0001", "Alcohol and/or drug assessment", "per assessment"),
        ("H0004", "Behavioral health counseling and therapy", "15 minutes"),
        ("H0005", "Alcohol and/or drug services; group counseling", "per session"),
        ("H0015", "Alcohol and/or drug services; intensive outpatient", "per diem"),
        ("H0020", "Methadone administration and/or service", "per dose"),
        ("H0010", "Sub-acute detoxification, residential", "per diem"),
        ("H2034", "Alcohol and/or drug abuse halfway house services", "per diem"),
        ("H2035", "Alcohol and/or other drug treatment program", "per hour"),
        ("H2036", "Alcohol and/or other drug treatment program", "per diem"),
        ("J0571", "Buprenorphine, oral, 1 mg", "per mg"),
        ("G2067", "Medication assisted treatment, methadone; weekly bundle", "per week"),
        ("G2068", "Medication assisted treatment, buprenorphine (oral); weekly bundle", "per week"),
    ],
    "developmental": [
        ("97151", "Service reported with CPT code 97151", "15 minutes"),
        ("97152", "Service reported with CPT code 97152", "15 minutes"),
        ("97153", "Service reported with CPT code 97153", "15 minutes"),
        ("97154", "Service reported with CPT code 97154", "15 minutes"),
        ("97155", "Service reported with CPT code 97155", "15 minutes"),
        ("97156", "Service reported with CPT code 97156", "15 minutes"),
        ("96110", "Service reported with CPT code 96110", "per screening"),
        ("96112", "Service reported with CPT code 96112", "per hour"),
        ("T2021", "Day habilitation, waiver", "15 minutes"),
        ("T2017", "Habilitation, residential, waiver", "15 minutes"),
        ("T2020", "Day habilitation, waiver", "per diem"),
        ("S5145", "Foster care, therapeutic, child", "per diem"),
    ],
    "therapy": [
        ("92507", "Service reported with CPT code 92507", "per session"),
        ("92523", "Service reported with CPT code 92523", "per evaluation"),
        ("97110", "Service reported with CPT code 97110", "15 minutes"),
        ("97112", "Service reported with CPT code 97112", "15 minutes"),
        ("97161", "Service reported with CPT code 97161", "per evaluation"),
        ("97162", "Service reported with CPT code 97162", "per evaluation"),
        ("97165", "Service reported with CPT code 97165", "per evaluation"),
        ("97166", "Service reported with CPT code 97166", "per evaluation"),
        ("97530", "Service reported with CPT code 97530", "15 minutes"),
        ("97535", "Service reported with CPT code 97535", "15 minutes"),
        ("G0151", "Services of physical therapist in home health setting", "15 minutes"),
        ("G0152", "Services of occupational therapist in home health setting", "15 minutes"),
        ("G0153", "Services of speech-language pathologist in home health setting", "15 minutes"),
    ],
    "home": [
        ("T1019", "Personal care services", "15 minutes"),
        ("T1020", "Personal care services", "per diem"),
        ("S5125", "Attendant care services", "15 minutes"),
        ("S5130", "Homemaker service, not otherwise specified", "15 minutes"),
        ("S5150", "Unskilled respite care, not hospice", "15 minutes"),
        ("S5151", "Unskilled respite care, not hospice", "per diem"),
        ("S5170", "Home delivered meals, including preparation", "per meal"),
        ("S9123", "Nursing care in the home by registered nurse", "per hour"),
        ("S9124", "Nursing care in the home by licensed practical nurse", "per hour"),
        ("T1001", "Nursing assessment/evaluation", "per visit"),
        ("T1002", "RN services", "15 minutes"),
        ("T1003", "LPN/LVN services", "15 minutes"),
        ("T2022", "Case management", "per month"),
        ("T2023", "Targeted case management", "per month"),
        ("S5160", "Emergency response system; installation and testing", "per installation"),
        ("S5161", "Emergency response system; service fee", "per month"),
        ("99341", "Service reported with CPT code 99341", "per visit"),
        ("99347", "Service reported with CPT code 99347", "per visit"),
    ],
    "primary": [
        ("99202", "Service reported with CPT code 99202", "per visit"),
        ("99203", "Service reported with CPT code 99203", "per visit"),
        ("99204", "Service reported with CPT code 99204", "per visit"),
        ("99212", "Service reported with CPT code 99212", "per visit"),
        ("99213", "Service reported with CPT code 99213", "per visit"),
        ("99214", "Service reported with CPT code 99214", "per visit"),
        ("99381", "Service reported with CPT code 99381", "per visit"),
        ("99391", "Service reported with CPT code 99391", "per visit"),
        ("99392", "Service reported with CPT code 99392", "per visit"),
        ("99393", "Service reported with CPT code 99393", "per visit"),
        ("90460", "Service reported with CPT code 90460", "per component"),
        ("90471", "Service reported with CPT code 90471", "per injection"),
        ("96127", "Service reported with CPT code 96127", "per instrument"),
        ("T1015", "Clinic visit/encounter, all-inclusive", "per encounter"),
        ("G0176", "Activity therapy related to care of patients with disabling mental health problems", "per session"),
        ("G0177", "Training and educational services related to care of patients with disabling mental health problems", "per session"),
        ("98966", "Service reported with CPT code 98966", "per call"),
    ],
    "transport": [
        ("A0080", "Non-emergency transportation, volunteer, per mile", "per mile"),
        ("A0100", "Non-emergency transportation; taxi", "per trip"),
        ("A0110", "Non-emergency transportation and bus, intra- or interstate carrier", "per trip"),
        ("A0120", "Non-emergency transportation: mini-bus, mountain area transports", "per trip"),
        ("A0130", "Non-emergency transportation: wheelchair van", "per trip"),
        ("A0425", "Ground mileage", "per statute mile"),
        ("A0428", "Ambulance service, basic life support, non-emergency transport", "per trip"),
        ("T2003", "Non-emergency transportation; encounter/trip", "per trip"),
        ("T2004", "Non-emergency transport; commercial carrier, multi-pass", "per pass"),
        ("S0215", "Non-emergency transportation; mileage", "per mile"),
    ],
    "equipment": [
        ("E0114", "Crutches, underarm, other than wood, adjustable or fixed, pair", "per pair"),
        ("E0143", "Walker, folding, wheeled, adjustable or fixed height", "per item"),
        ("E0260", "Hospital bed, semi-electric, with mattress", "per month"),
        ("E0431", "Portable gaseous oxygen system, rental", "per month"),
        ("E0601", "Continuous positive airway pressure device", "per month"),
        ("E1130", "Standard wheelchair, fixed full-length arms", "per month"),
        ("K0001", "Standard wheelchair", "per month"),
        ("A4253", "Blood glucose test strips", "per 50 strips"),
        ("A4595", "Electrical stimulator supplies, 2 lead", "per month"),
        ("T4521", "Adult sized disposable incontinence product, brief/diaper, small", "per item"),
    ],
}

MODIFIERS = ["HA", "HB", "HD", "HE", "HF", "HH", "HK", "HN", "HO", "HP", "HQ",
             "HR", "HS", "HT", "HW", "HX", "U1", "U2", "U3", "U4", "U5", "U6",
             "U7", "U8", "U9", "UA", "UB", "UC", "UD", "GT", "95", "93", "TG",
             "TF", "TT", "59", "25", "GN", "GO", "GP", "KX", "RR", "NU", "SE"]

# (title, code family, extra words used in the prose)
SERVICES = [
    ("Outpatient Psychotherapy", "behavioral", "individual, family and group psychotherapy"),
    ("Psychiatric Diagnostic Evaluation", "behavioral", "comprehensive psychiatric evaluation"),
    ("Crisis Intervention", "behavioral", "rapid de-escalation and safety planning"),
    ("Mobile Crisis Response", "behavioral", "community-based crisis stabilization"),
    ("Assertive Community Treatment", "behavioral", "team-based treatment in the community"),
    ("Community Psychiatric Supportive Treatment", "behavioral", "restorative interventions in natural settings"),
    ("Psychosocial Rehabilitation", "behavioral", "skill restoration and community integration"),
    ("Peer Support Services", "behavioral", "recovery support from trained peers"),
    ("Therapeutic Behavioral Services", "behavioral", "short-term one-to-one behavioral interventions"),
    ("Intensive In-Home Services", "behavioral", "family-centered treatment delivered in the home"),
    ("Multisystemic Therapy", "behavioral", "evidence-based treatment for youth and families"),
    ("Collaborative Care Management", "behavioral", "behavioral health integration in primary care"),
    ("Targeted Case Management", "behavioral", "assessment, care planning, referral and monitoring"),
    ("Substance Use Disorder Assessment", "sud", "screening and level-of-care determination"),
    ("Intensive Outpatient Program", "sud", "structured group and individual treatment"),
    ("Opioid Treatment Program", "sud", "medication for opioid use disorder with counseling"),
    ("Office-Based Opioid Treatment", "sud", "buprenorphine induction and maintenance"),
    ("Withdrawal Management", "sud", "medically monitored detoxification"),
    ("Residential Substance Use Treatment", "sud", "twenty-four hour structured treatment"),
    ("Recovery Housing Support", "sud", "transitional recovery residence services"),
    ("Applied Behavior Analysis", "developmental", "assessment and treatment for autism spectrum disorder"),
    ("Early Intervention Services", "developmental", "developmental services for infants and toddlers"),
    ("Day Habilitation", "developmental", "skill acquisition in a non-residential setting"),
    ("Residential Habilitation", "developmental", "support for daily living in a licensed residence"),
    ("Therapeutic Foster Care", "developmental", "treatment delivered by trained foster parents"),
    ("Speech-Language Pathology", "therapy", "evaluation and treatment of communication disorders"),
    ("Physical Therapy", "therapy", "restorative and maintenance therapy"),
    ("Occupational Therapy", "therapy", "functional and adaptive skills therapy"),
    ("Home Health Therapy", "therapy", "therapy delivered by a certified home health agency"),
    ("Personal Care Services", "home", "hands-on assistance with activities of daily living"),
    ("Attendant Care", "home", "consumer-directed attendant services"),
    ("Homemaker Services", "home", "general household activities"),
    ("Respite Care", "home", "short-term relief for unpaid caregivers"),
    ("Home-Delivered Meals", "home", "nutritionally balanced meals delivered to the home"),
    ("Private Duty Nursing", "home", "continuous skilled nursing in the home"),
    ("Personal Emergency Response System", "home", "electronic device and monitoring service"),
    ("Waiver Case Management", "home", "coordination of home and community-based services"),
    ("Well-Child Visits (EPSDT)", "primary", "periodic screening, diagnostic and treatment services"),
    ("Immunization Administration", "primary", "administration of recommended vaccines"),
    ("Clinic Services", "primary", "outpatient clinic encounters"),
    ("Federally Qualified Health Center Services", "primary", "all-inclusive encounter-based services"),
    ("Telehealth Services", "primary", "services delivered by synchronous audio-video"),
    ("Partial Hospitalization", "primary", "structured day treatment in a hospital program"),
    ("Non-Emergency Medical Transportation", "transport", "transportation to covered appointments"),
    ("Ambulance Services, Non-Emergency", "transport", "stretcher transport with medical necessity"),
    ("Mileage Reimbursement", "transport", "reimbursement for private vehicle trips"),
    ("Durable Medical Equipment", "equipment", "medically necessary equipment for home use"),
    ("Oxygen and Respiratory Equipment", "equipment", "oxygen systems and respiratory devices"),
    ("Mobility Devices", "equipment", "wheelchairs, walkers and related accessories"),
    ("Medical Supplies", "equipment", "disposable supplies for home use"),
]

QUALIFIERS = ["", "", "", " (Adult)", " (Child and Adolescent)", " (Group)",
              " (Individual)", " via Telehealth", " in Schools",
              " for Home and Community-Based Waiver Participants",
              " (Managed Care)", " (Fee-for-Service)", " for Pregnant Individuals",
              " (Rural)", " (Tribal Health Programs)"]

PROVIDER_TYPES = {
    "behavioral": ["Psychiatrist", "Psychologist", "Licensed Clinical Social Worker (LCSW)",
                   "Licensed Professional Counselor (LPC)",
                   "Licensed Marriage and Family Therapist (LMFT)",
                   "Psychiatric Mental Health Nurse Practitioner",
                   "Community Mental Health Center", "Certified Peer Support Specialist",
                   "Certified Community Behavioral Health Clinic (CCBHC)",
                   "Qualified Mental Health Professional"],
    "sud": ["Opioid Treatment Program", "Licensed Alcohol and Drug Counselor",
            "Substance Use Disorder Treatment Program", "Addiction Medicine Physician",
            "Nurse Practitioner with DATA waiver history", "Certified Recovery Specialist",
            "Residential Treatment Facility"],
    "developmental": ["Board Certified Behavior Analyst (BCBA)",
                      "Registered Behavior Technician (RBT)",
                      "Board Certified Assistant Behavior Analyst (BCaBA)",
                      "Early Intervention Provider Agency", "Developmental Disability Agency",
                      "Licensed Child Placing Agency", "Qualified Intellectual Disability Professional"],
    "therapy": ["Physical Therapist", "Physical Therapist Assistant", "Occupational Therapist",
                "Occupational Therapy Assistant", "Speech-Language Pathologist",
                "Home Health Agency", "Outpatient Rehabilitation Facility", "Local Education Agency"],
    "home": ["Home Health Agency", "Personal Care Agency", "Registered Nurse",
             "Licensed Practical Nurse", "Personal Care Aide", "Adult Day Health Center",
             "Area Agency on Aging", "Fiscal Employer Agent", "Home-Delivered Meals Vendor"],
    "primary": ["Physician", "Nurse Practitioner", "Physician Assistant",
                "Federally Qualified Health Center (FQHC)", "Rural Health Clinic (RHC)",
                "Indian Health Service/Tribal Facility", "Certified Nurse Midwife",
                "Local Health Department", "School-Based Health Center"],
    "transport": ["Non-Emergency Medical Transportation Broker", "Ambulance Provider",
                  "Wheelchair Van Provider", "Taxi Provider", "Volunteer Driver",
                  "Public Transit Authority"],
    "equipment": ["Durable Medical Equipment Supplier", "Pharmacy", "Home Health Agency",
                  "Orthotist/Prosthetist", "Medical Supply Company"],
}

SETTINGS = ["Office", "Home", "School", "Community", "Telehealth (audio-video)",
            "Telehealth (audio-only)", "Outpatient hospital", "Inpatient hospital",
            "Residential facility", "Nursing facility", "Federally Qualified Health Center",
            "Rural Health Clinic", "Mobile unit", "Day program site", "Shelter",
            "Correctional facility (pre-release)", "Assisted living facility"]

AGE_RANGES = [(0, 20), (0, 20), (0, 2), (3, 21), (0, None), (0, None), (18, None),
              (21, None), (18, 64), (65, None), (6, 17), (12, 25), (0, 5)]

MANUAL_CHAPTERS = ["Behavioral Health Services", "Physician Services", "Home Health",
                   "Home and Community-Based Services", "Transportation",
                   "Durable Medical Equipment", "Clinic Services", "EPSDT",
                   "Rehabilitative Services", "Substance Use Disorder Services"]

CFR_SECTIONS = ["440.130", "440.110", "440.70", "440.170", "440.180", "440.40",
                "440.90", "441.57", "440.167", "440.60"]

NOUNS = ["beneficiaries", "members", "enrollees", "recipients", "participants"]

# Sentence templates for the ~150-word description.  {S}=service, {J}=state,
# {X}=extra phrase, {P}=population, {N}=member noun, {U}=unit, {A}=age text.
SENTENCES = [
    "{S} is a Medicaid-covered benefit in {J} that provides {X} for eligible {N}.",
    "The service must be medically necessary and documented in a person-centered plan of care that is reviewed at least every ninety days.",
    "Prior authorization is required after the initial evaluation period, and requests must include current clinical documentation supporting continued need.",
    "Services are billed {U}, and providers must not bill for time spent on travel, documentation or scheduling.",
    "Coverage is available to {N} {A}, including individuals enrolled in managed care plans unless the benefit is carved out.",
    "Providers must be enrolled with the {J} Medicaid program and meet the licensure and supervision standards described in the provider manual.",
    "When delivered by telehealth, the place of service code and the appropriate modifier must be reported on the claim.",
    "Services provided on the same day as another covered service may be reimbursed when the record clearly documents distinct interventions.",
    "The {J} Medicaid agency reviews utilization quarterly and may request records to confirm that services were delivered as billed.",
    "Family members and caregivers may participate when their involvement supports the goals identified in the treatment plan.",
    "Documentation must include the date, start and stop times, the interventions used, the response of the {P} and the signature and credentials of the rendering provider.",
    "Interpreter services are available at no cost to {N} who have limited English proficiency or who are deaf or hard of hearing.",
    "This benefit does not cover services that are primarily educational, vocational, recreational or custodial in nature.",
    "Rates are published on the state fee schedule and are updated each state fiscal year after public notice.",
    "Under the EPSDT mandate, {N} under twenty-one may receive services beyond the stated limits when they are needed to correct or ameliorate a condition.",
    "Claims must be submitted within the timely filing limit, generally one year from the date of service, with adjustments allowed for retroactive eligibility.",
    "Care coordination with the primary care provider is expected, and a summary of services should be shared with consent of the {P}.",
    "Providers should verify eligibility on each date of service through the eligibility verification system before delivering {X}.",
    "Group sessions are limited to a maximum number of participants set by the agency, and each participant must have an individual plan.",
    "The service may be combined with other home and community-based services when the combination is not duplicative.",
]

POPULATIONS = ["member", "beneficiary", "participant", "client", "youth", "adult"]

SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(text):
    return SLUG_RE.sub("-", text.lower()).strip("-")


def age_text(lo, hi):
    if hi is None:
        return "age {} and older".format(lo) if lo else "of all ages"
    return "ages {} through {}".format(lo, hi)


def age_label(lo, hi):
    return "{}+".format(lo) if hi is None else "{}\u2013{}".format(lo, hi)


# --------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------

def allocate(n, weights):
    """Largest-remainder allocation of n pages over weights, min 1 each."""
    total = sum(weights)
    raw = [n * w / total for w in weights]
    counts = [max(1, int(math.floor(r))) for r in raw]
    rema = sorted(range(len(weights)), key=lambda i: raw[i] - math.floor(raw[i]), reverse=True)
    i = 0
    while sum(counts) < n:
        counts[rema[i % len(rema)]] += 1
        i += 1
    j = 0
    while sum(counts) > n:  # only when n < number of jurisdictions * 1
        k = max(range(len(counts)), key=lambda x: counts[x])
        counts[k] -= 1
        j += 1
    return counts


def pick_ages(rng, qualifier):
    if "Adult" in qualifier:
        return rng.choice([(18, None), (21, None), (21, 64), (18, 64)])
    if "Child" in qualifier or "Schools" in qualifier:
        return rng.choice([(0, 20), (3, 21), (6, 17), (0, 17)])
    if "Pregnant" in qualifier:
        return (12, 55)
    return rng.choice(AGE_RANGES)


def make_description(rng, svc, extra, jname, codes, ages):
    unit = codes[0]["unit"]
    unit = unit if unit.startswith("per ") else "in units of " + unit
    lo, hi = ages
    ctx = dict(S=svc, J=jname, X=extra, P=rng.choice(POPULATIONS),
               N=rng.choice(NOUNS), U=unit, A=age_text(lo, hi))
    first = SENTENCES[0].format(**ctx)
    pool = SENTENCES[1:]
    order = rng.sample(range(len(pool)), len(pool))
    sents = [first]
    words = len(first.split())
    target = rng.randint(128, 148)
    for k in order:
        if words >= target:
            break
        s = pool[k].format(**ctx)
        sents.append(s)
        words += len(s.split())
    cut = max(2, len(sents) // 2)
    paras = [" ".join(sents[:cut]), " ".join(sents[cut:])]
    return [p for p in paras if p], words, (lo, hi)


def make_service(rng, jcode, jname, seq):
    base, family, extra = rng.choice(SERVICES)
    qualifier = rng.choice(QUALIFIERS)
    title = base + qualifier
    ncodes = rng.randint(3, 8)
    fam_codes = CODES[family]
    picked = rng.sample(fam_codes, min(ncodes, len(fam_codes)))
    codes = []
    for code, desc, unit in picked:
        nm = rng.choice([0, 1, 1, 2])
        mods = rng.sample(MODIFIERS, nm)
        rate = round(rng.lognormvariate(3.3, 0.9), 2)
        codes.append({"code": code, "modifiers": mods, "description": desc,
                      "unit": unit, "rate": "{:.2f}".format(rate)})
    paras, words, (lo, hi) = make_description(rng, base, extra, jname, codes,
                                                pick_ages(rng, qualifier))
    ptypes = rng.sample(PROVIDER_TYPES[family], rng.randint(1, 4))
    settings = rng.sample(SETTINGS, rng.randint(1, 4))
    cites = []
    ncite = rng.randint(2, 5)
    year = rng.choice([2023, 2024, 2025])
    for c in range(ncite):
        kind = c if c < 2 else rng.randint(0, 4)
        if kind == 0:
            ch = rng.choice(MANUAL_CHAPTERS)
            sec = "{}.{}".format(rng.randint(1, 12), rng.randint(1, 30))
            cites.append({
                "title": "{} Medicaid Provider Manual: {}, Section {}".format(jname, ch, sec),
                "url": "https://{}.medicaid.example.org/manuals/{}/section-{}.pdf".format(
                    jcode, slugify(ch), sec.replace(".", "-"))})
        elif kind == 1:
            item = rng.randint(1, 29)
            cites.append({
                "title": "{} Medicaid State Plan, Attachment 3.1-A, Item {}".format(jname, item),
                "url": "https://{}.medicaid.example.org/state-plan/att-3-1-a.pdf#item-{}".format(jcode, item)})
        elif kind == 2:
            sec = rng.choice(CFR_SECTIONS)
            cites.append({
                "title": "42 CFR \u00a7 {}".format(sec),
                "url": "https://www.ecfr.gov/current/title-42/section-{}".format(sec)})
        elif kind == 3:
            cites.append({
                "title": "{} Medicaid Fee Schedule, State Fiscal Year {}".format(jname, year),
                "url": "https://{}.medicaid.example.org/fee-schedules/sfy{}-{}.csv".format(
                    jcode, year, family)})
        else:
            rule = "{}-{}-{}".format(rng.randint(100, 999), rng.randint(1, 60), rng.randint(1, 40))
            cites.append({
                "title": "{} Administrative Code \u00a7 {}".format(jname, rule),
                "url": "https://rules.{}.example.org/code/{}".format(jcode, rule)})
        cites[-1]["retrieved"] = "{}-{:02d}-{:02d}".format(
            rng.choice([2024, 2025]), rng.randint(1, 12), rng.randint(1, 28))
    return {
        "title": title,
        "family": family,
        "paras": paras,
        "words": words,
        "codes": codes,
        "provider_types": ptypes,
        "settings": settings,
        "age_min": lo,
        "age_max": hi,
        "citations": cites,
    }


def build_model(n, seed):
    wrng = random.Random(seed)
    weights = [wrng.lognormvariate(0.0, 0.6) for _ in JURISDICTIONS]
    counts = allocate(n, weights)
    model = []
    for (jcode, jname), cnt in zip(JURISDICTIONS, counts):
        rng = random.Random("{}:{}".format(seed, jcode))
        services = [make_service(rng, jcode, jname, i) for i in range(cnt)]
        services.sort(key=lambda s: s["title"])
        seen = {}
        for s in services:
            base = slugify(s["title"])
            k = seen.get(base, 0) + 1
            seen[base] = k
            s["slug"] = base if k == 1 else "{}-{}".format(base, k)
            s["id"] = "{}/{}".format(jcode, s["slug"])
        model.append({"code": jcode, "name": jname, "services": services})
    # sort jurisdictions by name for listing order everywhere
    model.sort(key=lambda j: j["name"])
    return model



# --------------------------------------------------------------------------
# coverguide's catalog format (docs/catalog-format.md)
# --------------------------------------------------------------------------

ILLUSTRATIVE = ("Synthetic benchmark data generated by bench/gen_catalog.py; "
                "not any state's policy.")

# gen_corpus code families -> coverguide service categories.
CATEGORY = {
    "behavioral": "psychotherapy",
    "sud": "other",
    "developmental": "assessment",
    "therapy": "rehabilitation",
    "home": "home_visiting",
    "primary": "screening",
    "transport": "other",
    "equipment": "other",
}

# gen_corpus units -> coverguide units; anything else is kept in the line's note.
UNIT = {
    "15 minutes": "per_15_min",
    "per session": "session",
    "per evaluation": "encounter",
    "per assessment": "encounter",
    "per visit": "encounter",
    "per encounter": "encounter",
    "per diem": "day",
    "per hour": "hour",
    "per month": "month",
    "per screening": "screen",
    "per instrument": "screen",
}

# The modifiers coverguide ships a national meaning for (src/codes/); a state
# declares any other modifier it uses in state.yaml.
STANDARD_MODIFIERS = {"HA", "HE", "HN", "HO", "HP", "HQ", "HR", "HS", "HT", "TJ", "GT", "FQ", "95", "93"}

# EPSDT covers people under 21: coverguide ages run from 0 to 251 months.
MAX_MONTHS = 251


def q(s):
    """Double-quoted YAML scalar."""
    return json.dumps(s, ensure_ascii=False)


def code_system(code):
    if re.fullmatch(r"[0-9]{5}|[0-9]{4}[FTU]", code):
        return "CPT"
    if re.fullmatch(r"[A-CE-Z][0-9]{4}", code):
        return "HCPCS"
    raise ValueError("unexpected code " + code)


def months(lo, hi):
    """Years as gen_corpus gives them -> an inclusive month range, or None
    when the range starts at 21 or later (outside EPSDT)."""
    first = lo * 12
    if first > MAX_MONTHS:
        return None
    last = MAX_MONTHS if hi is None else min(hi * 12 + 11, MAX_MONTHS)
    return first, last


def service_id(jcode, slug, taken):
    """`<st>-<slug>`, cut at a hyphen to fit 64 characters, unique in the state."""
    base = "{}-{}".format(jcode, slug)
    if len(base) > 60:
        base = base[:60].rsplit("-", 1)[0]
    sid, k = base, 1
    while sid in taken:
        k += 1
        sid = "{}-{}".format(base, k)
    taken.add(sid)
    return sid


def write_state(root, j):
    d = os.path.join(root, "states", j["code"])
    os.makedirs(os.path.join(d, "services"))
    sources = {}  # url -> (id, citation), in first-cited order

    def source_id(c):
        if c["url"] not in sources:
            sources[c["url"]] = ("s{}".format(len(sources) + 1), c)
        return sources[c["url"]][0]

    taken = set()
    written = 0
    state_modifiers = set()
    for s in j["services"]:
        sid = service_id(j["code"], s["slug"], taken)
        out = ["# " + ILLUSTRATIVE,
               "id: {}".format(q(sid)),
               "name: {}".format(q(s["title"])),
               "category: {}".format(CATEGORY[s["family"]]),
               "description: |"]
        out += ["  " + line if line else "" for line in "\n\n".join(s["paras"]).split("\n")]
        out.append("illustrative: {}".format(q(ILLUSTRATIVE)))
        ages = months(s["age_min"], s["age_max"])
        out.append("age: null" if ages is None else
                   "age: {{min_months: {}, max_months: {}}}".format(*ages))
        out.append("billing:")
        for c in s["codes"]:
            out.append("  - system: {}".format(code_system(c["code"])))
            out.append("    code: {}".format(q(c["code"])))
            out.append("    modifiers: [{}]".format(", ".join(q(m) for m in c["modifiers"])))
            state_modifiers.update(m for m in c["modifiers"] if m not in STANDARD_MODIFIERS)
            unit = UNIT.get(c["unit"])
            out.append("    unit: {}".format(unit or "null"))
            out.append("    rate: {{amount: {}}}".format(q(c["rate"])))
            note = c["description"] if unit else "{} ({})".format(c["description"], c["unit"])
            out.append("    note: {}".format(q(note)))
        out.append("providers:")
        out += ["  - kind: {}".format(q(p)) for p in s["provider_types"]]
        out.append("settings:")
        out += ["  - name: {}".format(q(p)) for p in s["settings"]]
        out.append("cites:")
        out += ["  - source: {}".format(q(source_id(c))) for c in s["citations"]]
        with open(os.path.join(d, "services", sid + ".yaml"), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(out) + "\n")
        written += 1

    out = ["# " + ILLUSTRATIVE,
           "state: {}".format(q(j["code"].upper())),
           "name: {}".format(q(j["name"])),
           "medicaid_programs:",
           "  - name: {}".format(q(j["name"] + " Medicaid")),
           "    note: {}".format(q(ILLUSTRATIVE)),
           "sources:"]
    for sid, c in sources.values():
        out += ["  - id: {}".format(q(sid)),
                "    title: {}".format(q(c["title"])),
                "    url: {}".format(q(c["url"])),
                "    as_of: {}".format(q(c["retrieved"])),
                "    accessed: {}".format(q(c["retrieved"]))]
    if state_modifiers:
        # coverguide knows only the standard modifiers; a state declares the
        # rest with a meaning and a source, as a real state.yaml would.
        out.append("modifiers:")
        for m in sorted(state_modifiers):
            out += ["  - code: {}".format(q(m)),
                    "    meaning: {}".format(q("Illustrative modifier {} (synthetic benchmark data).".format(m))),
                    "    cites: [{{source: {}}}]".format(q(next(iter(sources.values()))[0]))]
    with open(os.path.join(d, "state.yaml"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    return written


def uniform_model(per_state, seed):
    """build_model with the same services per jurisdiction stream, K each."""
    model = []
    for jcode, jname in JURISDICTIONS:
        rng = random.Random("{}:{}".format(seed, jcode))
        services = [make_service(rng, jcode, jname, i) for i in range(per_state)]
        services.sort(key=lambda s: s["title"])
        seen = {}
        for s in services:
            base = slugify(s["title"])
            k = seen.get(base, 0) + 1
            seen[base] = k
            s["slug"] = base if k == 1 else "{}-{}".format(base, k)
            s["id"] = "{}/{}".format(jcode, s["slug"])
        model.append({"code": jcode, "name": jname, "services": services})
    model.sort(key=lambda j: j["name"])
    return model


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, nargs="?", help="number of services, weighted over jurisdictions")
    ap.add_argument("outdir", help="catalog folder to write (must not exist unless --force)")
    ap.add_argument("--per-state", type=int, help="this many services in every jurisdiction instead")
    ap.add_argument("--seed", type=int, default=20250101)
    ap.add_argument("--force", action="store_true", help="replace outdir if it exists")
    args = ap.parse_args(argv)
    if (args.n is None) == (args.per_state is None):
        ap.error("give either N or --per-state K")
    if os.path.exists(args.outdir):
        if not args.force:
            ap.error("{} exists (use --force)".format(args.outdir))
        shutil.rmtree(args.outdir)
    model = build_model(args.n, args.seed) if args.n is not None else uniform_model(args.per_state, args.seed)
    os.makedirs(os.path.join(args.outdir, "states"))
    written = sum(write_state(args.outdir, j) for j in model)
    summary = {"services": written, "jurisdictions": len(model), "seed": args.seed,
               "per_jurisdiction": {"min": min(len(j["services"]) for j in model),
                                    "max": max(len(j["services"]) for j in model)}}
    json.dump(summary, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
