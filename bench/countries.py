"""About 200 real countries by ISO code, in the catalogue's regions (cases.choices.Region)."""

REGION_CODES = {
    "east-southern-africa": (
        "AO BI BW KM DJ ER ET KE LS MG MW MU MZ NA RW SC SO SS SZ TZ UG ZA ZM ZW"
    ),
    "west-central-africa": (
        "BJ BF CV CM CF TD CG CD CI GQ GA GM GH GN GW LR ML MR NE NG ST SN SL TG"
    ),
    "mena": "DZ BH EG IR IQ IL JO KW LB LY MA OM PS QA SA SY TN AE YE",
    "europe": (
        "AL AD AM AT AZ BY BE BA BG HR CY CZ DK EE FI FR GE DE GR HU IS IE IT LV LI LT LU MT MD "
        "MC ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH TR UA GB"
    ),
    "north-america": "CA US GL BM",
    "latin-america-caribbean": (
        "AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC "
        "SR TT UY VE"
    ),
    "south-asia": "AF BD BT IN MV NP PK LK",
    "southeast-asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "east-asia-pacific": "AU CN FJ JP KI KR KP MH FM MN NR NZ PW PG WS SB TO TV VU HK MO TW",
    "central-asia": "KZ KG TJ TM UZ",
}


def countries():
    """[(code, name, region)] in a stable order."""
    import pycountry

    rows = []
    for region, codes in REGION_CODES.items():
        for code in codes.split():
            country = pycountry.countries.get(alpha_2=code)
            name = getattr(country, "common_name", None) or country.name
            rows.append((code, name, region))
    return rows
