"""Real 補助金交付要綱 from other cities, as examples/subsidies/*.toml: every printed figure, and each bound at its edge.

Each test names the city and quotes what it checks. Where a source prints a
worked example (調布, 上市, 勝山) the test checks it exactly; where it prints
only a rate, caps and rounding, the tests check the award just under, at and
just over each threshold. The files' comments say which reading each takes
where the source is unclear; the tests pin those readings.
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest

import kyodo
from kyodo import (
    Application,
    Budget,
    Constraint,
    FiscalYear,
    Ledger,
    Refusal,
    SubsidyRule,
    Unit,
    ValidationError,
    fund,
)

SUBSIDIES = Path(__file__).parent.parent / "examples" / "subsidies"
FILES = sorted(SUBSIDIES.glob("*.toml"))
FY2023, FY2024, FY2025 = FiscalYear(2023), FiscalYear(2024), FiscalYear(2025)


def load(name: str) -> SubsidyRule:
    return kyodo.load(SUBSIDIES / f"{name}.toml", kind=SubsidyRule)


# --- every file ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
@pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
def test_every_rule_loads_and_round_trips_unchanged(path: Path, fmt: kyodo.io.Format) -> None:
    """Every file in examples/subsidies loads, writes out and reads back equal, and names its source."""
    rule = kyodo.load(path, kind=SubsidyRule)
    text = kyodo.dumps(rule, fmt)
    again = kyodo.loads(text, fmt, kind=SubsidyRule)
    assert again == rule
    assert kyodo.dumps(again, fmt) == text
    assert rule.source
    assert rule.description


CITY_FILES = [path for path in FILES if not path.stem.startswith("ichinoseki-")]


@pytest.mark.parametrize("path", CITY_FILES, ids=[path.stem for path in CITY_FILES])
def test_every_city_file_opens_with_its_source_and_what_it_leaves_unclear(path: Path) -> None:
    """Each city file starts with comments giving the source URL and the section on what the source leaves unclear."""
    text = path.read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert text.startswith("# ")
    rule = kyodo.load(path, kind=SubsidyRule)
    assert rule.source is not None
    assert any(rule.source in line for line in comments[:6])
    assert "# What the source leaves unclear, and the reading this file takes:" in comments


def test_the_examples_come_from_at_least_ten_municipalities() -> None:
    """The city files cover at least 12 rules from at least 10 municipalities."""
    cities = {path.stem.split("-")[0] for path in CITY_FILES}
    assert len(CITY_FILES) >= 12
    assert len(cities) >= 10


# --- 日光市 -------------------------------------------------------------------------------------------------


def nikko(cost: int, activity: str, income: int = 0, households: int = 1000, history: tuple = ()) -> kyodo.Award:
    return load("nikko-machizukuri").compute(
        cost,
        FY2024,
        history=history,
        attributes={"活動": activity},
        deductions={"収入": income},
        counts={"世帯数": households},
    )


def test_nikko_half_the_cost() -> None:
    """日光市 第3条(1): 経費に2分の1 … を乗じて得た額."""
    award = nikko(300_000, "その他")
    assert award.amount == 150_000
    assert award.binding is Constraint.RATE


def test_nikko_disaster_preparedness_is_ten_tenths() -> None:
    """日光市 第3条(1): 前条第4号(地域防災)に規定する補助対象事業に要する経費にあっては、10分の10."""
    assert nikko(120_000, "地域防災").amount == 120_000


def test_nikko_at_most_the_cost_less_income() -> None:
    """日光市 第3条(2): 経費の総額から当該補助対象事業による収入を差し引いた額 (income is not taken before the rate)."""
    award = nikko(300_000, "その他", income=200_000)
    assert award.amount == 100_000
    assert award.binding is Constraint.DEFICIT_CAP
    # At the edge: income of 150,000 leaves a deficit equal to half the cost; one yen more and the deficit binds.
    assert nikko(300_000, "その他", income=150_000).amount == 150_000
    assert nikko(300_000, "その他", income=150_001).amount == 149_000


def test_nikko_at_most_400_yen_a_household_plus_100000() -> None:
    """日光市 第3条(3): 世帯の数に400円を乗じて得た額に10万円を加えた額."""
    award = nikko(600_000, "地域防災", households=100)
    assert award.amount == 140_000
    assert award.binding is Constraint.CAP_PER_APPLICATION
    assert "400 × 100 世帯数 + 100,000 = 140,000" in award.explanation.text("en")


def test_nikko_rounds_the_lowest_of_the_three_down_to_1000_yen() -> None:
    """日光市 第3条: いずれか低い額(1,000円未満の端数があるときは、これを切り捨てた額): rounding after the min."""
    # 321 households: 400 × 321 + 100,000 = 228,400, the lowest leg, rounded to 228,000.
    assert nikko(600_000, "その他", households=321).amount == 228_000
    # The deficit leg rounded: 300,000 − 150,500 = 149,500 → 149,000.
    assert nikko(300_000, "その他", income=150_500).amount == 149_000
    # The rate leg rounded: 301,999 × 1/2 = 150,999.5 → 150,000.
    assert nikko(301_999, "その他").amount == 150_000


def test_nikko_once_per_fiscal_year() -> None:
    """日光市 第3条第2項: 一の補助対象者につき、一の年度1回限り."""
    first = nikko(100_000, "その他")
    again = nikko(100_000, "その他", history=(first,))
    assert again.amount == 0
    assert again.refusal is Refusal.ONCE_PER_FY


# --- 胎内市 -------------------------------------------------------------------------------------------------


def test_tainai_deducts_food_income_then_carry_over_and_other_grants() -> None:
    """胎内市 第3条: 経費(食糧費は除く) − 収益, then − 剰余的な繰越金及び他団体からの助成金."""
    rule = load("tainai-bohan")
    award = rule.compute(
        {"事業費": 400_000, "食糧費": 30_000},
        FY2024,
        deductions={"収益": 50_000, "繰越金": 20_000, "他団体助成金": 30_000},
    )
    assert award.amount == 300_000
    assert award.eligible_cost == 300_000


def test_tainai_cap_of_370000_per_fiscal_year() -> None:
    """胎内市 第3条(2): 限度額は1年度につき37万円."""
    rule = load("tainai-bohan")
    assert rule.compute(369_999, FY2024).amount == 369_999
    assert rule.compute(370_000, FY2024).amount == 370_000
    over = rule.compute(370_001, FY2024)
    assert over.amount == 370_000
    assert over.binding is Constraint.CAP_PER_FY
    first = rule.compute(300_000, FY2024)
    assert rule.compute(300_000, FY2024, history=[first]).amount == 70_000
    assert rule.compute(300_000, FY2025, history=[first]).amount == 300_000


# --- 明石市 -------------------------------------------------------------------------------------------------


def test_akashi_new_building_one_third_up_to_8_million() -> None:
    """明石市: 新築の場合 建設費総額の1/3以下(限度額800万円)."""
    rule = load("akashi-shukai")
    new = {"工事": "新築"}
    assert rule.compute(23_999_997, FY2024, attributes=new).amount == 7_999_999
    assert rule.compute(24_000_000, FY2024, attributes=new).amount == 8_000_000
    assert rule.compute(24_000_003, FY2024, attributes=new).amount == 8_000_000


def test_akashi_renovation_one_third_up_to_4_million() -> None:
    """明石市: 改修の場合 改修費用の1/3以下(限度額400万円)."""
    rule = load("akashi-shukai")
    renovation = {"工事": "改修"}
    assert rule.compute(11_999_997, FY2024, attributes=renovation).amount == 3_999_999
    assert rule.compute(12_000_000, FY2024, attributes=renovation).amount == 4_000_000
    assert rule.compute(12_000_003, FY2024, attributes=renovation).amount == 4_000_000


def test_akashi_deducts_the_zaisanku_grant_before_the_third() -> None:
    """明石市 (2024): 集会施設整備補助額は、財産区補助額を控除した額の3分の1以下."""
    rule = load("akashi-shukai")
    award = rule.compute(6_000_000, FY2024, attributes={"工事": "改修"}, deductions={"財産区": 2_000_000})
    assert award.amount == 1_333_333
    assert award.eligible_cost == 4_000_000


# --- 鹿児島市 -----------------------------------------------------------------------------------------------


def kagoshima(cost: int, work: str, structure: str = "木造", fy: FiscalYear = FY2025, **kwargs: object) -> kyodo.Award:
    return load("kagoshima-shukaijo").compute(
        cost, fy, attributes={"工事": work, "構造": structure}, site="中央集会所", **kwargs
    )


@pytest.mark.parametrize(
    ("work", "cap"),
    [("新築", 5_000_000), ("取得", 5_000_000), ("大規模改修", 5_000_000), ("リフォーム", 3_000_000),
     ("バリアフリー化のみ", 500_000), ("耐震改修", 1_000_000)],
)  # fmt: skip
def test_kagoshima_half_the_cost_up_to_the_cap_of_the_work(work: str, cap: int) -> None:
    """鹿児島市: 2分の1 (千円未満切捨て), 補助限度額 500万円 / 300万円 / 50万円(バリアフリー化のみ) / 100万円(耐震改修)."""
    assert kagoshima(2 * cap - 2_000, work).amount == cap - 1_000
    assert kagoshima(2 * cap - 1, work).amount == cap - 1_000  # cap − 0.5 yen, rounded down to 1,000 yen
    assert kagoshima(2 * cap, work).amount == cap
    assert kagoshima(2 * cap + 2_000, work).amount == cap


def test_kagoshima_seismic_check_by_structure() -> None:
    """鹿児島市: 耐震診断 3分の2, 木造:10万円 非木造:50万円, 千円未満切捨て."""
    assert kagoshima(150_000, "耐震診断", "木造").amount == 100_000
    assert kagoshima(149_999, "耐震診断", "木造").amount == 99_000  # 99,999.33 → 99,000
    assert kagoshima(300_000, "耐震診断", "木造").amount == 100_000
    assert kagoshima(750_000, "耐震診断", "非木造").amount == 500_000
    assert kagoshima(300_000, "耐震診断", "非木造").amount == 200_000


def test_kagoshima_again_only_ten_years_on() -> None:
    """鹿児島市: 過去に当該補助金を活用してリフォーム等を行った集会所に対しては、10年経過後、再度補助申請が可能."""
    reform = kagoshima(2_000_000, "リフォーム")
    blocked = kagoshima(2_000_000, "リフォーム", fy=FiscalYear(2034), history=[reform])
    assert blocked.refusal is Refusal.WAITING_PERIOD
    assert "FY2035" in blocked.explanation.text("en")
    assert kagoshima(2_000_000, "リフォーム", fy=FiscalYear(2035), history=[reform]).amount == 1_000_000
    other_site = load("kagoshima-shukaijo").compute(
        2_000_000, FiscalYear(2030), history=[reform], attributes={"工事": "リフォーム"}, site="東集会所"
    )
    assert other_site.amount == 1_000_000
    # 耐震診断・耐震改修は併用が可能: the waiting period is not applied to them.
    assert kagoshima(300_000, "耐震診断", fy=FiscalYear(2026), history=[reform]).amount == 100_000


def test_kagoshima_wagamachi_one_third_up_to_60000_once_a_year() -> None:
    """鹿児島市 わがまちづくり: 1年度につき1回、経費の3分の1以内で6万円を限度; 事業はいくつでも組み合わせて申請できます."""
    rule = load("kagoshima-wagamachi")
    assert rule.compute(179_999, FY2024).amount == 59_999
    assert rule.compute(180_000, FY2024).amount == 60_000
    assert rule.compute(180_003, FY2024).amount == 60_000
    events = rule.compute({"夏祭り": 90_000, "敬老会": 60_000, "広報紙": 30_000}, FY2024)
    assert events.amount == 60_000
    assert rule.compute(30_000, FY2024, history=[events]).refusal is Refusal.ONCE_PER_FY


def test_kagoshima_koho_150000_in_total_over_all_years() -> None:
    """鹿児島市 広報活動推進事業: 対象経費の3分の1以内で、通算して1団体15万円を限度."""
    ledger = Ledger(load("kagoshima-koho"))
    for year in (2020, 2021, 2022):
        ledger = ledger.apply(300_000, FiscalYear(year))
    assert [award.amount for award in ledger.awards] == [100_000, 50_000, 0]
    assert ledger.awards[1].binding is Constraint.TOTAL_CAP
    assert ledger.total == 150_000


# --- 大府市 -------------------------------------------------------------------------------------------------


def obu(cost: int | dict[str, int], work: str, area: int | str = 80) -> kyodo.Award:
    return load("obu-shukai").compute(cost, FY2024, attributes={"工事": work}, counts={"延床面積": area})


def test_obu_half_rounded_down_to_10000_yen() -> None:
    """大府市: 対象経費の2分の1の額で、1万円未満の端数が生じたときは、これを切り捨てる."""
    assert obu(3_999_999, "増築").amount == 1_990_000
    assert obu(4_000_000, "増築").amount == 2_000_000


def test_obu_caps_by_kind_of_work() -> None:
    """大府市: ただし、新築工事および改築工事は600万円を、増築工事は200万円を上限; 取得 600万円を上限."""
    for work, cap in [("新築", 6_000_000), ("改築", 6_000_000), ("取得", 6_000_000), ("増築", 2_000_000)]:
        assert obu(2 * cap, work).amount == cap
        assert obu(2 * cap + 20_000, work).amount == cap
        assert obu(2 * cap - 20_000, work).amount == cap - 10_000


def test_obu_excludes_exterior_works() -> None:
    """大府市: 建物の本体に係る工事費用(外構工事費、造成工事費、土地購入費及び備品購入費を除く)."""
    assert obu({"本体": 4_000_000, "外構工事費": 1_000_000}, "新築").amount == 2_000_000


@pytest.mark.parametrize("work", ["新築", "増築", "改築", "取得"])
def test_obu_floor_area_of_33_square_metres_or_more(work: str) -> None:
    """大府市: 延床面積が33平方メートル以上 (新築・増築・改築工事, and 取得: 延床面積が33平方メートル以上の既存の建物)."""
    assert obu(1_000_000, work, 33).amount == 500_000
    assert obu(1_000_000, work, "33.00").amount == 500_000
    refused = obu(1_000_000, work, "32.99")
    assert refused.refusal is Refusal.BELOW_MINIMUM_COUNT
    assert "延床面積 32.99 が下限 33 に満たない" in refused.explanation.text("ja")
    with pytest.raises(ValidationError, match="延床面積"):
        load("obu-shukai").compute(1_000_000, FY2024, attributes={"工事": work})


# --- 吉備中央町 ---------------------------------------------------------------------------------------------


def test_kibichuo_projects_of_100000_yen_or_less_are_excluded() -> None:
    """吉備中央町: ※ただし、10万円以下の事業は除く (以下: exactly 10万円 is excluded)."""
    rule = load("kibichuo-shukai")
    refused = rule.compute(100_000, FY2024)
    assert refused.amount == 0
    assert refused.refusal is Refusal.BELOW_MINIMUM_COST
    assert rule.compute(100_001, FY2024).amount == 50_000


def test_kibichuo_half_rounded_to_1000_up_to_1500000_per_year() -> None:
    """吉備中央町: 事業費の2分の1(1,000円未満の端数は切捨て); 限度額:1,500,000円(1年度当たり)."""
    rule = load("kibichuo-shukai")
    assert rule.compute(301_999, FY2024).amount == 150_000
    assert rule.compute(2_999_998, FY2024).amount == 1_499_000
    assert rule.compute(3_000_000, FY2024).amount == 1_500_000
    first = rule.compute(3_000_002, FY2024)
    assert first.amount == 1_500_000
    assert rule.compute(1_000_000, FY2024, history=[first]).amount == 0
    assert rule.compute(1_000_000, FY2025, history=[first]).amount == 500_000
    assert rule.compute({"工事": 400_000, "用地取得費": 900_000}, FY2024).amount == 200_000


def test_kibichuo_the_cap_is_per_facility_per_year() -> None:
    """吉備中央町: 限度額:1,500,000円(補助対象となる1集会施設に対する1年度当たりの上限度額)."""
    rule = load("kibichuo-shukai")
    east = rule.compute(3_000_002, FY2024, site="東公会堂")
    assert east.amount == 1_500_000
    # Another facility of the same 自治会 in the same year has its own 1,500,000 yen.
    west = rule.compute(3_000_000, FY2024, history=[east], site="西公会堂")
    assert west.amount == 1_500_000
    # The same facility again that year: the cap is used up.
    again = rule.compute(1_000_000, FY2024, history=[east, west], site="東公会堂")
    assert again.amount == 0
    assert again.binding is Constraint.CAP_PER_FY
    assert "施設ごとの年度あたりの限度額 1,500,000円" in again.explanation.text("ja")
    partly = rule.compute(400_000, FY2024, history=[rule.compute(2_800_000, FY2024, site="東公会堂")], site="東公会堂")
    assert partly.amount == 100_000
    # The next year, the same facility again.
    assert rule.compute(1_000_000, FY2025, history=[east, west], site="東公会堂").amount == 500_000
    # A facility not named counts as the same one: never more than one cap.
    assert rule.compute(1_000_000, FY2024, history=[east], site=None).amount == 0


# --- 新城市 -------------------------------------------------------------------------------------------------


def shinshiro(cost: int, district: str = "対象外") -> kyodo.Award:
    return load("shinshiro-camera").compute(cost, FY2024, attributes={"地域自治区事業": district})


def test_shinshiro_four_fifths_rounded_to_1000_up_to_500000() -> None:
    """新城市: 補助対象経費の5分の4以内(1,000円未満の端数切捨て)で、50万円を上限."""
    assert shinshiro(312_345).amount == 249_000
    assert shinshiro(625_000).amount == 500_000
    assert shinshiro(623_749).amount == 498_000  # 498,999.2 → 498,000
    assert shinshiro(626_250).amount == 500_000


def test_shinshiro_top_up_of_half_the_rest() -> None:
    """新城市: 地域自治区事業対象の場合は、上記補助金の残額の2分の1以内(1,000円未満の端数切捨て)の補助金を加算."""
    assert shinshiro(300_000, "対象").amount == 270_000  # 240,000 + 60,000 × 1/2
    assert shinshiro(312_345, "対象").amount == 280_000  # 249,000 + ⌊63,345 / 2⌋₁₀₀₀ = 249,000 + 31,000
    assert shinshiro(625_000, "対象").amount == 562_000  # 500,000 + ⌊125,000 / 2⌋₁₀₀₀
    assert shinshiro(1_000_000, "対象").amount == 750_000  # the 50万円 cap leaves 500,000, half of it is added


# --- 横須賀市 -----------------------------------------------------------------------------------------------


def cameras(*specs: tuple[int, str]) -> list[Unit]:
    return [Unit(f"カメラ{number}", cost, {"機器": kind}) for number, (cost, kind) in enumerate(specs, 1)]


def test_yokosuka_nine_tenths_per_camera_capped_by_type() -> None:
    """横須賀市: 補助率は、設置費の10分の9; 1台あたりの補助上限額は、ソーラー型は300,000円、従来型は270,000円."""
    rule = load("yokosuka-camera")
    at_caps = cameras((333_334, "ソーラー型"), (300_000, "従来型"))
    assert rule.compute(633_334, FY2025, units=at_caps).amount == 300_000 + 270_000
    under = cameras((333_333, "ソーラー型"), (299_999, "従来型"))
    assert rule.compute(633_332, FY2025, units=under).amount == 569_998  # 299,999.7 + 269,999.1 = 569,998.8
    over = cameras((400_000, "ソーラー型"), (400_000, "従来型"))
    award = rule.compute(800_000, FY2025, units=over)
    assert award.amount == 570_000
    assert award.binding is Constraint.PER_UNIT


def test_yokosuka_a_replaced_camera_must_be_five_years_old() -> None:
    """横須賀市: 更新も補助対象となりますが、カメラ本体は設置後5年以上経過したものが補助対象となります."""
    rule = load("yokosuka-camera")

    def replacing(cost: int, years: int | str) -> Unit:
        return Unit("更新カメラ", cost, {"機器": "従来型", "工事": "更新"}, counts={"経過年数": years})

    assert rule.compute(300_000, FY2025, units=[replacing(300_000, 5)]).amount == 270_000
    assert rule.compute(300_000, FY2025, units=[replacing(300_000, 12)]).amount == 270_000
    young = rule.compute(300_000, FY2025, units=[replacing(300_000, 4)])
    assert young.amount == 0
    assert "経過年数 4 is below the minimum of 5" in young.explanation.text("en")
    # The other cameras of the application are still funded; a new camera has no age to check.
    new = Unit("新設カメラ", 200_000, {"機器": "ソーラー型", "工事": "新設"})
    mixed = rule.compute(500_000, FY2025, units=[replacing(300_000, "4.9"), new])
    assert mixed.amount == 180_000
    assert "更新カメラ: 0円（経過年数 4.9 が下限 5 に満たない）" in mixed.explanation.text("ja")
    with pytest.raises(ValidationError, match="経過年数"):
        rule.compute(300_000, FY2025, units=[Unit("更新カメラ", 300_000, {"機器": "従来型", "工事": "更新"})])


def test_yokosuka_five_cameras_per_body_per_year() -> None:
    """横須賀市: 1団体あたりの年度内申請限度は5台までです."""
    rule = load("yokosuka-camera")
    six = cameras(*[(100_000, "従来型")] * 6)
    award = rule.compute(600_000, FY2025, units=six)
    assert award.amount == 5 * 90_000
    assert "カメラ6" in award.explanation.text("ja")
    three = rule.compute(300_000, FY2025, units=cameras(*[(100_000, "従来型")] * 3))
    assert rule.compute(300_000, FY2025, history=[three], units=cameras(*[(100_000, "従来型")] * 3)).amount == 180_000
    assert rule.compute(100_000, FiscalYear(2026), history=[award], units=cameras((100_000, "従来型"))).amount == 90_000
    assert (
        rule.compute(100_000, FY2025, history=[award], units=cameras((100_000, "従来型"))).refusal is Refusal.MAX_UNITS
    )


# --- 調布市 -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["地域団体", "連携"])
def test_chofu_printed_example_a_300000_yen_camera_gets_275000(kind: str) -> None:
    """調布市: (例)30万円のカメラ(工事費込み)を購入した場合、補助額は27万5千円."""
    award = load("chofu-camera").compute(300_000, FY2024, attributes={"区分": kind})
    assert award.amount == 275_000
    assert award.explanation.text("ja") == f"275,000円: 区分={kind}: 300,000円 × 12分の11 = 275,000円"


def test_chofu_eleven_twelfths_or_the_cap_whichever_is_lower() -> None:
    """調布市: 対象となる経費の12分の11の額または500万円(連携: 750万円)のいずれか低い額."""
    rule = load("chofu-camera")
    assert rule.compute(5_454_545, FY2024, attributes={"区分": "地域団体"}).amount == 4_999_999
    assert rule.compute(5_454_546, FY2024, attributes={"区分": "地域団体"}).amount == 5_000_000
    assert rule.compute(8_181_818, FY2024, attributes={"区分": "連携"}).amount == 7_499_999
    assert rule.compute(8_181_819, FY2024, attributes={"区分": "連携"}).amount == 7_500_000


def test_chofu_the_shares_before_fy2024_and_after() -> None:
    """調布市 (2021): 負担割合 東京都2分の1、市3分の1 (5/6); 商店街等 東京都3分の1、市3分の1, 最大600万円; 令和6〜8年度 only."""
    rule = load("chofu-camera")
    assert rule.compute(300_000, FY2023, attributes={"区分": "地域団体"}).amount == 250_000
    assert rule.compute(9_000_000, FY2023, attributes={"区分": "商店街等"}).amount == 6_000_000
    with pytest.raises(ValidationError):
        rule.compute(300_000, FY2024, attributes={"区分": "商店街等"})
    assert rule.compute(300_000, FiscalYear(2027), attributes={"区分": "地域団体"}).refusal is Refusal.NOT_OFFERED


# --- 多摩市 -------------------------------------------------------------------------------------------------


def test_tama_each_cameras_cost_counts_up_to_600000() -> None:
    """多摩市: 防犯カメラ1台あたりの整備費用に関して60万円を限度; 24分の23以内(1,000円未満の端数…切り捨て)."""
    rule = load("tama-camera")
    alone = {"実施": "単独"}
    assert rule.compute(600_000, FY2025, units=[Unit("A", 600_000)], attributes=alone).amount == 575_000
    assert rule.compute(600_001, FY2025, units=[Unit("A", 600_001)], attributes=alone).amount == 575_000
    assert rule.compute(599_999, FY2025, units=[Unit("A", 599_999)], attributes=alone).amount == 574_000
    two = [Unit("A", 700_000), Unit("B", 500_000)]
    assert (
        rule.compute(1_200_000, FY2025, units=two, attributes=alone).amount == 1_054_000
    )  # (600,000 + 500,000) × 23/24


def test_tama_caps_for_one_body_and_bodies_together() -> None:
    """多摩市: 地域団体が単独で行う場合 1団体あたり450万円; 連携して行う場合 1団体あたり675万円."""
    rule = load("tama-camera")
    eight = [Unit(f"カメラ{n}", 600_000) for n in range(8)]  # 8 × 575,000 = 4,600,000
    assert rule.compute(4_800_000, FY2025, units=eight, attributes={"実施": "単独"}).amount == 4_500_000
    assert rule.compute(4_800_000, FY2025, units=eight, attributes={"実施": "連携"}).amount == 4_600_000
    twelve = [Unit(f"カメラ{n}", 600_000) for n in range(12)]  # 6,900,000
    assert rule.compute(7_200_000, FY2025, units=twelve, attributes={"実施": "連携"}).amount == 6_750_000


# --- 春日井市 -----------------------------------------------------------------------------------------------


def test_kasugai_half_rounded_to_1000() -> None:
    """春日井市: 防犯カメラの設置に必要な費用の2分の1(1,000円未満の端数切り捨て)."""
    rule = load("kasugai-camera")
    assert rule.compute(401_999, FY2024).amount == 200_000
    assert rule.compute(1_000_000, FY2024).amount == 500_000
    assert rule.compute(1_002_000, FY2024).amount == 500_000


def test_kasugai_500000_over_three_fiscal_years_once_a_year() -> None:
    """春日井市: 交付を受けた年度以降3年度以内で50万円を上限; ※1団体につき、年度内1回限り."""
    ledger = Ledger(load("kasugai-camera"))
    for year in (2024, 2025, 2026, 2027):
        ledger = ledger.apply(600_000, FiscalYear(year))
    assert [award.amount for award in ledger.awards] == [300_000, 200_000, 0, 300_000]
    assert ledger.awards[1].binding is Constraint.WINDOW_CAP
    again = load("kasugai-camera").compute(100_000, FY2024, history=ledger.awards[:1])
    assert again.refusal is Refusal.ONCE_PER_FY


# --- 上市町 -------------------------------------------------------------------------------------------------


def test_kamiichi_printed_examples() -> None:
    """上市町: 例:設置費用 10,000円の場合 補助金額 5,000円 / 設置費用 20,000円の場合 補助金額 8,000円."""
    rule = load("kamiichi-led")
    assert rule.compute(10_000, FY2024, units=[Unit("1灯", 10_000)]).amount == 5_000
    award = rule.compute(20_000, FY2024, units=[Unit("1灯", 20_000)])
    assert award.amount == 8_000
    assert "限度額 8,000" in award.explanation.text("ja")


def test_kamiichi_8000_yen_per_light() -> None:
    """上市町: 1灯につき設置費用の2分の1を補助しています。なお、上限額は8,000円です."""
    rule = load("kamiichi-led")
    assert rule.compute(15_999, FY2024, units=[Unit("1灯", 15_999)]).amount == 7_999
    assert rule.compute(16_000, FY2024, units=[Unit("1灯", 16_000)]).amount == 8_000
    assert rule.compute(16_001, FY2024, units=[Unit("1灯", 16_001)]).amount == 8_000
    lights = [Unit("A", 10_000), Unit("B", 20_000), Unit("C", 15_999)]
    assert rule.compute(45_999, FY2024, units=lights).amount == 5_000 + 8_000 + 7_999  # 20,999.5 → 20,999


def lights(kind: str, *costs: int, first: int = 1) -> list[Unit]:
    return [Unit(f"{kind}{n}", cost, {"工事": kind}) for n, cost in enumerate(costs, first)]


def test_kamiichi_about_two_new_and_six_replaced_lights_a_year() -> None:
    """上市町: 年間おおむね(新規の場合:2灯、更新の場合:6灯を)上限."""
    rule = load("kamiichi-led")
    new = lights("新規", 16_000, 16_000, 16_000)
    award = rule.compute(48_000, FY2024, units=new)
    assert award.amount == 2 * 8_000
    assert "工事=新規 の2件まで: 新規3 は対象外" in award.explanation.text("ja")
    replaced = lights("更新", *[10_000] * 7)
    assert rule.compute(70_000, FY2024, units=replaced).amount == 6 * 5_000
    # Each kind is limited on its own: 2 new and 6 replaced in one application.
    both = rule.compute(118_000, FY2024, units=new + replaced)
    assert both.amount == 2 * 8_000 + 6 * 5_000
    # The year's earlier awards count: after 1 new light, 1 more; after 2, none, but replaced lights still.
    first = rule.compute(16_000, FY2024, units=new[:1])
    assert rule.compute(32_000, FY2024, history=[first], units=new[1:]).amount == 8_000
    second = rule.compute(16_000, FY2024, history=[first], units=new[1:2])
    full = rule.compute(16_000, FY2024, history=[first, second], units=new[2:])
    assert full.refusal is Refusal.MAX_UNITS
    mixed = new[2:] + lights("更新", 10_000)
    assert rule.compute(26_000, FY2024, history=[first, second], units=mixed).amount == 5_000
    # The next fiscal year starts again.
    assert rule.compute(16_000, FY2025, history=[first, second], units=new[2:]).amount == 8_000


# --- 魚沼市 -------------------------------------------------------------------------------------------------


def test_uonuma_one_fifth_or_10000_times_the_lights_whichever_is_less() -> None:
    """魚沼市: 補助対象経費の5分の1(千円未満切り捨て)又は1万円×取替台数のいずれか少ない方の額."""
    rule = load("uonuma-led")
    three = [Unit(f"{n}台目") for n in range(1, 4)]
    assert rule.compute(120_000, FY2024, units=three).amount == 24_000
    assert rule.compute(154_999, FY2024, units=three).amount == 30_000  # 30,999.8 → 30,000, the cap too
    capped = rule.compute(160_000, FY2024, units=three)
    assert capped.amount == 30_000
    assert capped.binding is Constraint.CAP_PER_APPLICATION
    assert rule.compute(49_999, FY2024, units=three[:1]).amount == 9_000
    assert rule.compute(50_000, FY2024, units=three[:1]).amount == 10_000
    assert rule.compute(80_000, FY2024, units=three[:1]).amount == 10_000


# --- 美咲町 -------------------------------------------------------------------------------------------------


def test_misaki_caps_per_place_then_the_total_rounded_to_1000() -> None:
    """美咲町 第3条: 1箇所50,000円 / 25,000円 / 10,000円を限度; 2 補助金の合計額に1,000円未満の端数 … 切り捨てる."""
    rule = load("misaki-bohanto")
    places = [
        Unit("A", 60_000, {"工事": "支柱新設"}),
        Unit("B", 12_345, {"工事": "修理"}),
        Unit("C", 20_500, {"工事": "既設支柱に新設"}),
    ]
    award = rule.compute(92_845, FY2024, units=places)
    assert award.amount == 80_000  # 50,000 + 10,000 + 20,500 = 80,500 → 80,000: rounded once, on the sum
    for work, cap in [("支柱新設", 50_000), ("既設支柱に新設", 25_000), ("修理", 10_000), ("LED交換", 10_000)]:
        assert rule.compute(cap, FY2024, units=[Unit("A", cap, {"工事": work})]).amount == cap
        assert rule.compute(cap + 1, FY2024, units=[Unit("A", cap + 1, {"工事": work})]).amount == cap
        assert rule.compute(cap - 1, FY2024, units=[Unit("A", cap - 1, {"工事": work})]).amount == cap - 1_000


# --- 越前市 -------------------------------------------------------------------------------------------------


def test_echizen_one_sixth_with_a_floor_and_a_cap_on_the_award() -> None:
    """越前市 新築: 対象経費:6分の1以内; 補助金額:下限30万円、上限250万円."""
    rule = load("echizen-community")
    below = rule.compute(1_799_999, FY2024)
    assert below.amount == 0
    assert below.refusal is Refusal.BELOW_MINIMUM
    assert rule.compute(1_800_000, FY2024).amount == 300_000
    assert rule.compute(6_000_001, FY2024).amount == 1_000_000
    assert rule.compute(15_000_000, FY2024).amount == 2_500_000
    assert rule.compute(15_000_006, FY2024).amount == 2_500_000


# --- 阿南市 -------------------------------------------------------------------------------------------------


def test_anan_half_rounded_down_to_100_yen_up_to_the_cap() -> None:
    """阿南市: 本体購入価格(税抜)の2分の1(上限3千円 / 上限3万円); 100円未満の端数 … 切り捨て."""
    container, electric = load("anan-namagomi-yoki"), load("anan-namagomi-denki")
    assert container.compute(5_999, FY2024).amount == 2_900  # 2,999.5 → 2,900
    assert container.compute(6_000, FY2024).amount == 3_000
    assert container.compute(6_001, FY2024).amount == 3_000
    assert electric.compute(59_999, FY2024).amount == 29_900
    assert electric.compute(60_000, FY2024).amount == 30_000
    assert electric.compute(60_001, FY2024).amount == 30_000
    first = electric.compute(60_000, FY2024)
    assert electric.compute(60_000, FY2024, history=[first]).refusal is Refusal.ONCE_PER_FY


@pytest.mark.parametrize(
    ("name", "left", "price", "full", "last"),
    [("anan-namagomi-yoki", 39_400, 6_000, 13, 400), ("anan-namagomi-denki", 220_600, 60_000, 7, 10_600)],
)
def test_anan_the_budget_left_on_24_march_2023(name: str, left: int, price: int, full: int, last: int) -> None:
    """阿南市 (令和5年3月24日 午前11時現在): 生ごみ処理容器 予算残額: 39,400円; 電気式生ごみ処理機 予算残額: 220,600円."""
    rule = load(name)
    fy = FiscalYear(2022)  # March 2023 is in 令和4年度
    applications = [Application(f"世帯{n}", fy, price) for n in range(full + 2)]
    paid = [item.paid for item in fund(rule, applications, budget=Budget(per_fy=left))]
    cap = price // 2
    assert paid == [cap] * full + [last, 0]
    assert sum(paid) == left
    whole_only = fund(rule, applications, budget=Budget(per_fy=left, partial=False))
    assert [item.paid for item in whole_only] == [cap] * full + [0, 0]


# --- 八戸市 -------------------------------------------------------------------------------------------------


def hachinohe(cost: int | dict[str, int], band: str, storage: str = "一箇所", **kwargs: object) -> kyodo.Award:
    return load("hachinohe-bosai").compute(cost, FY2024, attributes={"世帯区分": band, "保管": storage}, **kwargs)


@pytest.mark.parametrize(
    ("band", "cost_cap", "cap"),
    [("500世帯まで", 1_000_000, 900_000), ("2000世帯まで", 1_500_000, 1_350_000), ("2000世帯超", 2_000_000, 1_800_000)],
)
def test_hachinohe_nine_tenths_of_the_cost_up_to_the_band(band: str, cost_cap: int, cap: int) -> None:
    """八戸市: 対象事業費 1,000千円 / 1,500千円 / 2,000千円まで; 補助率 10分の9; 補助上限金額 900千円 / 1,350千円 / 1,800千円."""
    assert hachinohe(cost_cap, band).amount == cap
    assert hachinohe(cost_cap + 1, band).amount == cap
    assert hachinohe(cost_cap * 2, band).amount == cap
    assert hachinohe(cost_cap - 1, band).amount == cap - 1_000  # 1,000円未満の端数 … 切り捨てる


def test_hachinohe_more_where_equipment_is_kept_in_several_places() -> None:
    """八戸市: 複数箇所で保管・管理する … 50万円 / 75万円 / 100万円までを増額した助成対象事業費とする."""
    assert hachinohe(2_000_000, "500世帯まで", "複数箇所").amount == 1_350_000
    assert hachinohe(3_000_000, "2000世帯まで", "複数箇所").amount == 2_025_000
    assert hachinohe(4_000_000, "2000世帯超", "複数箇所").amount == 2_700_000
    assert hachinohe(1_200_000, "500世帯まで", "複数箇所").amount == 1_080_000


def test_hachinohe_once_per_body_and_no_consumables() -> None:
    """八戸市: 各団体1回かぎり; ただし、飲料・食料品等、消耗品的なものを除く."""
    first = hachinohe({"資機材": 500_000, "消耗品": 100_000}, "500世帯まで")
    assert first.amount == 450_000
    later = load("hachinohe-bosai").compute(
        500_000, FiscalYear(2030), history=[first], attributes={"世帯区分": "500世帯まで", "保管": "一箇所"}
    )
    assert later.refusal is Refusal.YEAR_LIMIT
    assert hachinohe(500_000, "500世帯まで", history=[first]).refusal is Refusal.ONCE_PER_FY


# --- 勝山市 -------------------------------------------------------------------------------------------------


def test_katsuyama_printed_example_a_1050000_yen_snow_blower() -> None:
    """勝山市: 除雪機が105万円であって、防災資機材の購入補助を申請していない場合、除雪機の購入補助で75万円の補助、
    残額30万円を防災資機材の購入補助として使用するので、補助金が20万円、組織の負担が10万円となります."""
    award = load("katsuyama-josetsuki").compute(1_050_000, FY2024)
    assert award.amount == 750_000 + 200_000
    assert 1_050_000 - award.amount == 100_000
    assert "残額 300,000円 × 3分の2" in award.explanation.text("ja")


def test_katsuyama_snow_blower_top_up_only_when_the_equipment_programme_is_open() -> None:
    """勝山市: まだ、防災資機材の購入補助を申請していないまたは防災資機材の購入から5年が経過している場合は
    75万円を超える額を、防災資機材の購入補助として使用することができます."""
    snow, equipment = load("katsuyama-josetsuki"), load("katsuyama-shikizai")
    bought = equipment.compute(90_000, FY2023)
    assert bought.amount == 60_000
    for year in range(2023, 2028):
        withheld = snow.compute(1_050_000, FiscalYear(year), others=[bought])
        assert withheld.amount == 750_000
        assert "加算なし" in withheld.explanation.text("ja")
        assert "under 勝山市自主防災組織備品購入事業補助金 (防災資機材)" in withheld.explanation.text("en")
    assert snow.compute(1_050_000, FiscalYear(2028), others=[bought]).amount == 950_000
    # An award under this rule, or a refused equipment application, leaves the top-up open.
    refused = equipment.compute(90_000, FY2023, history=[bought])
    assert refused.amount == 0
    assert snow.compute(1_050_000, FY2024, others=[refused]).amount == 950_000
    # Ledgers pass each other's awards.
    ledger = kyodo.Ledger(equipment).apply(90_000, FY2023)
    assert kyodo.Ledger(snow).apply(1_050_000, FY2024, others=ledger.awards).awards[-1].amount == 750_000


def test_katsuyama_snow_blower_top_up_at_its_cap() -> None:
    """勝山市: 除雪機 補助率全額で限度額75万円; 防災資機材 補助率3分の2で限度額20万円."""
    rule = load("katsuyama-josetsuki")
    assert rule.compute(749_999, FY2024).amount == 749_999
    assert rule.compute(750_000, FY2024).amount == 750_000
    assert rule.compute(1_200_000, FY2024).amount == 950_000  # 2/3 × 450,000 = 300,000, capped at 200,000
    assert rule.compute(1_049_999, FY2024).amount == 949_999  # 750,000 + 199,999.33


def test_katsuyama_equipment_two_thirds_up_to_200000_again_after_five_years() -> None:
    """勝山市: 補助率3分の2で限度額20万円; 補助を受けてから5年経過した場合は、再び補助; 2回に分けて申請することはできません."""
    rule = load("katsuyama-shikizai")
    assert rule.compute(299_999, FY2023).amount == 199_999
    assert rule.compute(300_000, FY2023).amount == 200_000
    assert rule.compute(300_003, FY2023).amount == 200_000
    first = rule.compute(90_000, FY2023)
    assert first.amount == 60_000
    assert rule.compute(90_000, FY2023, history=[first]).refusal is Refusal.ONCE_PER_FY
    assert rule.compute(90_000, FiscalYear(2027), history=[first]).refusal is Refusal.WAITING_PERIOD
    assert rule.compute(90_000, FiscalYear(2028), history=[first]).amount == 60_000
    assert rule.compute(90_000, FiscalYear(2022)).refusal is Refusal.NOT_OFFERED


# --- 豊川市 -------------------------------------------------------------------------------------------------


def toyokawa(cost: int, band: str, area: int | str) -> kyodo.Award:
    return load("toyokawa-shukai").compute(cost, FY2024, attributes={"世帯数": band}, counts={"床面積": area})


def test_toyokawa_half_the_lesser_of_the_cost_and_180000_yen_a_square_metre() -> None:
    """豊川市: 実際の工事に要した費用、又は … 床面積 … に180,000円を乗じて得た額のいずれか少ない額の2分の1の額."""
    assert toyokawa(15_000_000, "200以上300未満", 100).amount == 7_500_000
    assert toyokawa(18_000_000, "200以上300未満", 100).amount == 9_000_000
    assert toyokawa(18_000_001, "200以上300未満", 100).amount == 9_000_000
    assert toyokawa(17_999_999, "200以上300未満", 100).amount == 8_999_999


@pytest.mark.parametrize(
    ("band", "standard"),
    [("100世帯未満", 70), ("100以上200未満", 90), ("200以上300未満", 110), ("300以上400未満", 130),
     ("400以上500未満", 150), ("500以上600未満", 170), ("600以上700未満", 190), ("700以上800未満", 210),
     ("800以上900未満", 230), ("900以上1000未満", 250), ("1000以上", 270)],
)  # fmt: skip
def test_toyokawa_the_floor_area_counts_up_to_the_standard_area(band: str, standard: int) -> None:
    """豊川市 標準床面積: 100世帯未満 70平方メートル … 1,000世帯以上 270平方メートル."""
    cost = 100_000_000
    assert toyokawa(cost, band, standard).amount == standard * 90_000
    assert toyokawa(cost, band, standard + 1).amount == standard * 90_000
    assert toyokawa(cost, band, standard - 1).amount == (standard - 1) * 90_000


# --- 市川市 -------------------------------------------------------------------------------------------------


def test_ichikawa_rent_half_up_to_20000_a_month_or_30000_for_several() -> None:
    """市川市: 自治会館の借上げ 1/2, 単一自治会の場合 月2万円 複数自治会の場合 月3万円."""
    rule = load("ichikawa-shukai")
    months = [Unit("4月", 40_000), Unit("5月", 40_001), Unit("6月", 39_999), Unit("7月", 70_000)]
    single = rule.compute(190_000, FY2024, units=months, attributes={"事業": "借上げ", "自治会": "単一"})
    assert single.amount == 20_000 + 20_000 + 19_999 + 20_000  # 19,999.5 in June
    several = rule.compute(190_000, FY2024, units=months, attributes={"事業": "借上げ", "自治会": "複数"})
    assert several.amount == 20_000 + 20_000 + 30_000 + 20_000  # 20,000.5 + 19,999.5 = 40,000 exactly


@pytest.mark.parametrize(
    ("work", "rate", "cap"),
    [("新築購入", Fraction(3, 4), 15_000_000), ("増築改築耐震補強", Fraction(1, 2), 5_000_000),
     ("改修", Fraction(1, 2), 1_000_000), ("用地購入", Fraction(3, 4), 10_000_000), ("倉庫", Fraction(1, 2), 1_000_000)],
)  # fmt: skip
def test_ichikawa_rates_and_caps_by_work(work: str, rate: Fraction, cap: int) -> None:
    """市川市: 新築もしくは購入 3/4 1,500万円; 増築・改築・耐震補強 1/2 500万円; 改修 1/2 100万円; 用地 3/4 1,000万円; 倉庫 1/2 100万円."""
    rule = load("ichikawa-shukai")
    attributes = {"事業": work, "自治会": "単一"}
    reaches = math.ceil(cap / rate)  # the least cost whose rate reaches the cap
    assert rule.compute(reaches - 1, FY2024, attributes=attributes).amount == math.floor(rate * (reaches - 1)) < cap
    assert rule.compute(reaches, FY2024, attributes=attributes).amount == cap
    assert rule.compute(reaches + 1, FY2024, attributes=attributes).amount == cap


def test_akashi_printed_example_a_renovation_paid_in_2025_after_a_new_building_in_2014() -> None:
    """明石市: (例)2024年度に「増改築、改造」で補助を申請する場合(2025年度助成) ・過去に「新築、購入」で
    本補助金を受けた年度が、2014年度以前であること."""
    rule = load("akashi-shukai")
    built = rule.compute(9_000_000, FiscalYear(2014), attributes={"工事": "新築"})
    assert built.amount == 3_000_000
    renovate = {"attributes": {"工事": "改修"}, "history": [built]}
    assert rule.compute(3_000_000, FiscalYear(2025), **renovate).amount == 1_000_000  # type: ignore[arg-type]
    refused = rule.compute(3_000_000, FiscalYear(2024), **renovate)  # type: ignore[arg-type]
    assert refused.refusal is Refusal.WAITING_PERIOD
    # 新築 after 新築: 翌年度から20年度以上 — paid from FY2035 after an award in FY2014.
    assert rule.compute(9_000_000, FiscalYear(2034), history=[built], attributes={"工事": "新築"}).amount == 0
    assert rule.compute(9_000_000, FiscalYear(2035), history=[built], attributes={"工事": "新築"}).amount == 3_000_000


def test_toyokawa_a_floor_area_in_square_metres_and_hundredths() -> None:
    """豊川市: 新築に係る床面積 … に180,000円を乗じて得た額: a real floor area, 89.42平方メートル, exactly."""
    award = toyokawa(20_000_000, "100以上200未満", "89.42")
    assert award.amount == 8_047_800  # 180,000 × 89.42 = 16,095,600, half of it
    assert award.binding is Constraint.COST_CAP
    assert "対象経費の上限 180,000円 × 89.42 床面積 = 16,095,600円" in award.explanation.text("ja")
    assert toyokawa(20_000_000, "100以上200未満", "89.425").amount == 8_048_250
    # Over the standard area by a hundredth: the standard 90平方メートル counts.
    assert toyokawa(20_000_000, "100以上200未満", "90.01").amount == 8_100_000
    assert toyokawa(20_000_000, "100世帯未満", "69.99").amount == 6_299_100
    # The actual cost when it is less.
    assert toyokawa(16_095_599, "100以上200未満", "89.42").amount == 8_047_799
    # A product that is not whole yen stays exact until the award is cut to the yen.
    odd = toyokawa(20_000_000, "100世帯未満", "10.000001")
    assert odd.eligible_cost == Fraction(180_000_018, 100)
    assert odd.amount == 900_000
