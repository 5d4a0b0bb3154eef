#!/usr/bin/env python3
"""Build /work/blind2/gold.jsonl from the per-article annotation files in
/work/blind2/annot/ (one fact a line: entity | INDEX | component|- | year |
metric | value | evidence) and check it mechanically.

This script never reads any project code; it only knows FACTS.md's lists.
"""
import json, os, sys, unicodedata, collections

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ART = os.path.join(ROOT, 'articles')

OLD63 = """Hà Nội, Hồ Chí Minh, Hải Phòng, Đà Nẵng, Cần Thơ, An Giang, Bà Rịa - Vũng Tàu,
  Bắc Giang, Bắc Kạn, Bạc Liêu, Bắc Ninh, Bến Tre, Bình Định, Bình Dương,
  Bình Phước, Bình Thuận, Cà Mau, Cao Bằng, Đắk Lắk, Đắk Nông, Điện Biên,
  Đồng Nai, Đồng Tháp, Gia Lai, Hà Giang, Hà Nam, Hà Tĩnh, Hải Dương, Hậu Giang,
  Hòa Bình, Hưng Yên, Khánh Hòa, Kiên Giang, Kon Tum, Lai Châu, Lâm Đồng,
  Lạng Sơn, Lào Cai, Long An, Nam Định, Nghệ An, Ninh Bình, Ninh Thuận, Phú Thọ,
  Phú Yên, Quảng Bình, Quảng Nam, Quảng Ngãi, Quảng Ninh, Quảng Trị, Sóc Trăng,
  Sơn La, Tây Ninh, Thái Bình, Thái Nguyên, Thanh Hóa, Thừa Thiên Huế,
  Tiền Giang, Trà Vinh, Tuyên Quang, Vĩnh Long, Vĩnh Phúc, Yên Bái"""
OLD63 = {unicodedata.normalize('NFC', s.strip()) for s in OLD63.replace('\n', ' ').split(',')}
NEW34 = """Hà Nội, Huế, Lai Châu, Điện Biên, Sơn La, Lạng Sơn, Quảng Ninh, Thanh Hóa,
Nghệ An, Hà Tĩnh, Cao Bằng, Tuyên Quang, Lào Cai, Thái Nguyên, Phú Thọ, Bắc Ninh,
Hưng Yên, Hải Phòng, Ninh Bình, Quảng Trị, Đà Nẵng, Quảng Ngãi, Gia Lai, Khánh Hòa,
Lâm Đồng, Đắk Lắk, Hồ Chí Minh, Đồng Nai, Tây Ninh, Cần Thơ, Vĩnh Long, Đồng Tháp,
Cà Mau, An Giang"""
NEW34 = {unicodedata.normalize('NFC', s.strip()) for s in NEW34.replace('\n', ' ').split(',')}
assert len(OLD63) == 63 and len(NEW34) == 34, (len(OLD63), len(NEW34))

MINISTRY_OLD_ONLY = {'Bộ Kế hoạch và Đầu tư', 'Bộ Giao thông vận tải',
                     'Bộ Thông tin và Truyền thông', 'Bộ Lao động - Thương binh và Xã hội',
                     'Bộ Tài nguyên và Môi trường', 'Bộ Nông nghiệp và Phát triển nông thôn',
                     'Ủy ban Dân tộc'}
MINISTRIES = {'Bộ Thông tin và Truyền thông', 'Bộ Khoa học và Công nghệ', 'Bộ Giáo dục và Đào tạo',
              'Bộ Kế hoạch và Đầu tư', 'Bộ Tài nguyên và Môi trường', 'Bộ Giao thông vận tải',
              'Bộ Lao động - Thương binh và Xã hội', 'Ngân hàng Nhà nước Việt Nam',
              'Bảo hiểm xã hội Việt Nam', 'Bộ Tài chính', 'Bộ Xây dựng', 'Bộ Công Thương',
              'Bộ Nội vụ', 'Bộ Tư pháp', 'Bộ Y tế', 'Bộ Ngoại giao', 'Bộ Văn hóa, Thể thao và Du lịch',
              'Thanh tra Chính phủ', 'Bộ Nông nghiệp và Môi trường', 'Bộ Dân tộc và Tôn giáo',
              'Ủy ban Dân tộc', 'Bộ Nông nghiệp và Phát triển nông thôn'}
MINISTRY_NEW_ONLY = {'Bộ Nông nghiệp và Môi trường', 'Bộ Dân tộc và Tôn giáo'}

INDEXES = {'ICT_INDEX', 'PCI', 'PAR_INDEX', 'SIPAS', 'PAPI', 'DTI', 'PGI', 'DDCI', 'EGOV',
           'IT_INDUSTRY_INDEX', 'PII', 'GII', 'EGDI'}
COUNTRY_INDEXES = {'GII', 'EGDI'}
ICT_BASE = ['technical_infrastructure', 'human_infrastructure', 'it_application',
            'online_public_services', 'it_industry', 'policy_environment']
ICT = set(ICT_BASE) | {b + s for b in ICT_BASE for s in ('.society', '.state', '.internal')}
GII_C = {'dau_vao_doi_moi_sang_tao', 'dau_ra_doi_moi_sang_tao', 'the_che',
         'nguon_nhan_luc_va_nghien_cuu', 'co_so_ha_tang', 'trinh_do_phat_trien_cua_thi_truong',
         'trinh_do_phat_trien_cua_doanh_nghiep', 'san_pham_tri_thuc_va_cong_nghe',
         'san_pham_sang_tao'}
PII_C = (GII_C - {'nguon_nhan_luc_va_nghien_cuu'}) | {'von_con_nguoi_va_nghien_cuu_phat_trien'}
LISTED = {
    'ICT_INDEX': ICT,
    'EGOV': ICT | {'web_portal'},
    'PCI': {'market_entry', 'land_access', 'transparency', 'time_costs', 'informal_charges',
            'equal_competition', 'proactivity', 'business_support', 'labor_training',
            'legal_institutions'},
    'PAPI': {'participation', 'transparency', 'vertical_accountability', 'corruption_control',
             'public_procedures', 'public_services', 'environmental_governance', 'e_governance'},
    'PAR_INDEX': {'direction', 'legal_documents', 'administrative_procedures', 'organization',
                  'civil_service', 'public_finance', 'e_government', 'impact'},
    'DTI': {'digital_government', 'digital_economy', 'digital_society', 'digital_awareness',
            'digital_institutions', 'digital_infrastructure', 'digital_human_resources',
            'information_security'},
    'GII': GII_C,
    'PII': PII_C,
}

errors = []


def err(msg):
    errors.append(msg)


def parse_value(metric, s):
    v = float(s)
    if metric in ('rank', 'rank_change'):
        if v != int(v):
            raise ValueError('non-integer ' + metric)
        v = int(v)
        if metric == 'rank' and v < 1:
            raise ValueError('rank < 1')
        if metric == 'rank_change' and v != 0 and s.strip()[0] not in '+-' and v < 0:
            raise ValueError('bad sign')
    return v


def main():
    out = []
    arts = sorted(f for f in os.listdir(ART) if f.endswith('.txt'))
    annots = sorted(f for f in os.listdir(HERE) if f.endswith('.txt'))
    for a in annots:
        if a not in arts:
            err(f'annotation without article: {a}')
    per_index = collections.Counter()
    for art in arts:
        text = open(os.path.join(ART, art), encoding='utf-8').read()
        textn = unicodedata.normalize('NFC', text)
        apath = os.path.join(HERE, art)
        if not os.path.exists(apath):
            err(f'no annotation for {art}')
            continue
        seen = {}
        for ln, line in enumerate(open(apath, encoding='utf-8'), 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            parts = [p.strip() for p in line.split(' | ', 6)]  # evidence may hold ' | ' (table rows)
            if len(parts) != 7:
                err(f'{art}:{ln}: {len(parts)} fields: {line}')
                continue
            ent, idx, comp, year, metric, value, ev = parts
            ent = unicodedata.normalize('NFC', ' '.join(ent.split()))
            comp = None if comp == '-' else comp
            ev = ev.replace('\\t', '\t').replace('\\n', '\n')
            where = f'{art}:{ln}'
            if idx not in INDEXES:
                err(f'{where}: unknown index {idx}')
            if metric not in ('rank', 'score', 'rank_change'):
                err(f'{where}: metric {metric}')
            try:
                year = int(year)
            except ValueError:
                err(f'{where}: year {year}')
                continue
            if not 2005 <= year <= 2026:
                err(f'{where}: implausible year {year}')
            try:
                val = parse_value(metric, value)
            except ValueError as e:
                err(f'{where}: value {value}: {e}')
                continue
            if comp is not None:
                import re
                if not re.fullmatch(r'[a-z0-9_]+(\.[a-z0-9_]+)?', comp):
                    err(f'{where}: component not a slug: {comp}')
                if idx in LISTED and comp not in LISTED[idx] and idx not in ('GII', 'PII'):
                    err(f'{where}: component {comp} not in list for {idx}')
            # evidence verbatim (the article may be in decomposed Unicode)
            if ev not in text:
                evd = unicodedata.normalize('NFD', ev)
                if evd in text:
                    ev = evd
                else:
                    err(f'{where}: evidence not verbatim: {ev}')
            # entity checks
            if idx in COUNTRY_INDEXES:
                pass
            else:
                is_prov = ent in OLD63 or ent in NEW34
                new_edition = year >= 2025 or (idx == 'DTI' and year == 2024)
                if is_prov:
                    if new_edition and ent not in NEW34:
                        err(f'{where}: {ent} not a unit of the 34-unit map ({idx} {year})')
                    if not new_edition and ent not in OLD63:
                        err(f'{where}: {ent} not a unit of the 63-unit map ({idx} {year})')
                else:
                    if ent.startswith('Bộ ') or ent in MINISTRY_OLD_ONLY:
                        if year >= 2025 and ent in MINISTRY_OLD_ONLY:
                            err(f'{where}: merged ministry {ent} in {year}')
                        if year < 2025 and ent in MINISTRY_NEW_ONLY:
                            err(f'{where}: new ministry {ent} in {year}')
                    # a body named in the article: its name (or its main words) in the text
                    words = [w for w in ent.split() if len(w) > 1]
                    if ent not in MINISTRIES and ent not in textn and not all(w in textn for w in words):
                        err(f'{where}: entity {ent} neither canonical nor named in article')
            if metric == 'score' and idx in ('ICT_INDEX', 'DTI', 'EGDI', 'IT_INDUSTRY_INDEX') and not (0 <= val <= 1.0):
                err(f'{where}: score {val} out of 0..1 for {idx}')
            key = (ent, idx, comp, year, metric)
            kv = key + (val,)
            if kv in seen:
                err(f'{where}: duplicate fact (line {seen[kv]})')
            seen[kv] = ln
            out.append({'source': art, 'entity': ent, 'index_code': idx, 'component': comp,
                        'year': year, 'metric': metric, 'value': val, 'evidence': ev})
            per_index[idx] += 1
    with open(os.path.join(ROOT, 'gold.jsonl'), 'w', encoding='utf-8') as f:
        for d in out:
            f.write(json.dumps(d, ensure_ascii=False) + '\n')
    # re-read and validate the written file
    n = 0
    for line in open(os.path.join(ROOT, 'gold.jsonl'), encoding='utf-8'):
        d = json.loads(line)
        assert set(d) == {'source', 'entity', 'index_code', 'component', 'year', 'metric',
                          'value', 'evidence'}
        n += 1
    for e in errors:
        print('ERROR', e)
    print(f'{len(arts)} articles, {n} facts')
    print(dict(sorted(per_index.items())))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
