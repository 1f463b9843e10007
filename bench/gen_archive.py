#!/usr/bin/env python3
"""Generates a realistic kh archive of any size, deterministically (same seed, same bytes).

usage: gen_archive.py OUT_DIR [--customers N] [--seed S] [--defect-rate R]

The default 10,000 customers give about 240,000 documents and 120 MB of YAML: each customer
has its 基本信息, 0-4 contracts, a needs file (most), 1-4 yearly assessments and a few to
sixty interaction records with realistic Chinese text. A share of customers (--defect-rate)
carry one realistic defect each (a date written 2024/3/5, an amount with thousands
separators, a misspelt field, a missing required field, a record in the wrong quarter, a
duplicated key, an enum typo), so that kh has something to report.
"""
import argparse, os, random, sys

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
CITIES = [("北京", "北京市", "010", "110108"), ("上海", "上海市", "021", "310115"), ("广州", "广东省", "020", "440106"),
          ("深圳", "广东省", "0755", "440300"), ("杭州", "浙江省", "0571", "330106"), ("南京", "江苏省", "025", "320102"),
          ("苏州", "江苏省", "0512", "320505"), ("成都", "四川省", "028", "510107"), ("武汉", "湖北省", "027", "420106"),
          ("西安", "陕西省", "029", "610113"), ("重庆", "重庆市", "023", "500103"), ("天津", "天津市", "022", "120116"),
          ("长沙", "湖南省", "0731", "430104"), ("郑州", "河南省", "0371", "410105"), ("青岛", "山东省", "0532", "370202"),
          ("厦门", "福建省", "0592", "350203"), ("合肥", "安徽省", "0551", "340104"), ("宁波", "浙江省", "0574", "330203")]
WORDS = list("星辰云帆海川华信恒达瑞丰金桥中天博远嘉禾新锐长城银河东方盛世宏图明德智联鼎盛安泰永安启明远航天宇正泰")
INDUSTRIES = [("信息技术", "科技"), ("制造业", "精密制造"), ("金融", "投资管理"), ("医疗", "医疗器械"), ("教育", "教育科技"),
              ("零售业", "商贸"), ("服务业", "企业服务"), ("物流", "物流"), ("能源", "新能源"), ("建筑", "建设工程"),
              ("政府", "信息中心"), ("其他", "实业")]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬斌鹏辉宇浩凯")
TITLES = ["总经理", "信息中心主任", "采购经理", "财务经理", "技术总监", "运营主管", "行政经理", "项目经理"]
METHODS = ["电话", "会议", "拜访", "邮件", "微信", "活动", "其他"]
CONTENT_TYPES = ["需求反馈", "问题咨询", "建议投诉", "日常维护", "商务洽谈", "节日关怀", "其他"]
SENTENCES = ["客户反馈系统运行稳定，近期没有出现故障。", "双方讨论了下一阶段的实施计划和人员安排。",
             "客户提出希望增加数据导出功能，并询问了报价。", "回访上月问题处理结果，客户表示满意。",
             "客户计划下季度扩大使用范围，预计新增两个部门。", "就合同续约条款进行了初步沟通，客户希望价格保持不变。",
             "客户对培训安排提出建议，希望改为线上分批进行。", "节日前发送问候并确认年度回访时间。",
             "客户内部组织架构调整，对接人可能变更，需要持续关注。", "演示了新版本的报表模块，客户关注权限管理。",
             "客户询问了售后服务响应时间和驻场支持的费用。", "确认了验收标准，客户将在两周内组织验收。"]
PROJECTS = ["数据安全平台", "运维服务", "客户管理系统", "智能仓储改造", "云迁移咨询", "安全培训", "设备维保", "年度技术支持"]
NEEDS = ["数据脱敏", "报表定制", "移动端应用", "系统集成", "安全培训", "等保测评", "容灾备份"]
CONFIG = """档案库: 基准测试客户档案
团队:
{team}
"""


def credit_code(i):
    body = "9111" + "0108" + "MA" + "".join(ALPHABET[(i // 31 ** k) % 31] for k in range(7))
    body = body[:17]
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + ALPHABET[(31 - total % 31) % 31]


def quarter(month):
    return (month - 1) // 3 + 1


def header(created, by, updated, rnd):
    s = f"创建时间: {created}\n创建人: {by}\n最后更新时间: {updated}\n"
    if rnd.random() < 0.3:
        s += "密级: " + rnd.choice(["内部", "秘密", "公开"]) + "\n"
    return s


def grade(amount):
    return "A" if amount >= 100000 else "B" if amount >= 50000 else "C" if amount >= 10000 else "D"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--customers", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--defect-rate", type=float, default=0.02)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    team = []
    for k in range(30):
        team.append((rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN) + str(k), k % 10 != 9))
    active = [n for n, a in team if a]
    os.makedirs(os.path.join(args.out, "客户档案"), exist_ok=True)
    with open(os.path.join(args.out, "kh.yaml"), "w", encoding="utf-8") as f:
        lines = "\n".join(f"  - {{姓名: {n}, 部门: 销售{k % 4 + 1}部, 角色: 销售, git: u{k}, 在职: {'是' if a else '否'}}}"
                          for k, (n, a) in enumerate(team))
        f.write(CONFIG.format(team=lines))
    years = list(range(2019, 2026))
    sequence = {y: 0 for y in years}
    documents = 0
    total = 0
    for i in range(args.customers):
        year = years[i * len(years) // args.customers]
        sequence[year] += 1
        number = f"KH-{year}-{sequence[year]:03d}"
        city, region, area, _ = CITIES[i % len(CITIES)]
        industry, suffix = INDUSTRIES[(i // len(CITIES)) % len(INDUSTRIES)]
        w1 = WORDS[(i // 216) % len(WORDS)]
        w2 = WORDS[(i * 7 + 3) % len(WORDS)]
        person = rnd.random() < 0.15
        owner = rnd.choice(active)
        created = f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        contacts = []
        for c in range(rnd.randint(1, 3)):
            name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + ("" if rnd.random() < 0.5 else rnd.choice(GIVEN))
            contacts.append(name)
        if person:
            short = contacts[0]
        else:
            short = f"{w1}{w2}{suffix}{i}"
        folder = f"{number}_{short}"
        base = os.path.join(args.out, "客户档案", folder)
        files = {}
        n_contracts = rnd.choice([0, 0, 1, 1, 1, 2, 2, 3, 4])
        stage = "成交" if n_contracts else rnd.choice(["潜在", "意向", "沉睡", "流失"])
        amounts = {}
        contract_docs = []
        used_names = set()
        for c in range(n_contracts):
            y = min(2025, year + c)
            sign = f"{y}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            project = PROJECTS[(i + c) % len(PROJECTS)]
            name = f"{sign}-{project}.yaml"
            if name in used_names:
                continue
            used_names.add(name)
            amount = rnd.choice([8000, 30000, 60000, 120000, 250000, 600000]) + rnd.randint(0, 99) * 100
            amounts[y] = amounts.get(y, 0) + amount
            status = rnd.choice(["执行中", "已完成", "待续约"]) if stage != "流失" else "已完成"
            doc = (f"合作项目: {project}\n产品服务: [{project}软件, 实施服务]\n合同编号: HT-{y}-{i:05d}{c}\n签订日期: {sign}\n"
                   f"合同期限:\n  开始: {sign}\n  结束: {y + 1}{sign[4:]}\n合作金额: {amount}.00\n合作状态: {status}\n")
            if rnd.random() < 0.3:
                doc += f"重大事件:\n  - 日期: {sign}\n    类型: 变更\n    说明: 客户调整了实施范围，合同金额不变。\n"
            doc += header(sign, owner, sign, rnd)
            files[f"02-合作背景/{name}"] = doc
        latest_amount = None
        assess_years = sorted(amounts) or ([year] if rnd.random() < 0.5 else [])
        for y in assess_years:
            amount = amounts.get(y, 0)
            latest_amount = amount
            doc = (f"年度: {y}\n年度合作金额: {amount}.00\n利润贡献: {amount * 3 // 10}.00\n行业影响力: {rnd.choice('高中低')}\n"
                   f"价值等级: {grade(amount)}\n")
            doc += header(f"{y}-12-31", owner, f"{y}-12-31", rnd)
            files[f"05-价值评估/{y}.yaml"] = doc
        mobiles = []
        lines = [f"档案编号: {number}", f"客户类型: {'个人' if person else '企业'}"]
        if person:
            lines.append(f"姓名: {short}")
        else:
            lines += ["企业名称:", f"  全称: {city}{w1}{w2}{suffix}{i}有限公司", f"  简称: {short}",
                      f"统一社会信用代码: {credit_code(i)}"]
        lines += [f"所属行业: {industry}", f"所在地区: {region}"]
        if not person:
            lines += [f"企业性质: {rnd.choice(['民营', '国有', '外资', '合资'])}", f"注册地址: {city}市高新区创新路 {i % 300 + 1} 号",
                      "企业规模:", f"  员工数: {rnd.randint(20, 5000)}", f"  年营收: {rnd.choice(['500万以下', '500万-2000万', '2000万-1亿', '1亿-10亿'])}"]
        lines += [f"负责销售: {owner}", f"客户阶段: {stage}", f"维护级别: {rnd.choice(['VIP', '重点', '普通', '普通'])}",
                  f"价值等级: {grade(latest_amount) if latest_amount is not None else 'D'}",
                  f"信息来源: {rnd.choice(['官网表单', '展会对接', '客户转介绍', '电话咨询', '第三方平台'])}",
                  f"首次接触时间: {created}", "联系人:"]
        for c, name in enumerate(contacts):
            mobile = f"1{3 + (i + c) % 7}{(i * 10 + c) % 10**9:09d}"
            mobiles.append(mobile)
            lines += [f"  - 姓名: {name}", f"    职位: {rnd.choice(TITLES)}", f"    手机: {mobile}",
                      f"    电话: {area}-{6000000 + (i * 7 + c) % 3999999}", f"    邮箱: c{i}x{c}@example.com",
                      f"    决策人: {'是' if c == 0 else '否'}"]
        lines.append(f"备注: {rnd.choice(SENTENCES)}")
        basic = "\n".join(lines) + "\n" + header(created, owner, created, rnd)
        files["01-客户基本信息/基本信息.yaml"] = basic
        if rnd.random() < 0.8:
            need = NEEDS[i % len(NEEDS)]
            low = rnd.choice([20000, 50000, 80000])
            files["04-需求偏好/需求偏好.yaml"] = (
                f"业务痛点: [{rnd.choice(SENTENCES)}]\n决策流程: 业务部门提出，信息中心评估，分管领导审批\n"
                f"价格敏感度: {rnd.choice('高中低')}\n沟通偏好: [电话, 邮件]\n需求:\n  - 名称: {need}\n    优先级: 高\n"
                f"    预算下限: {low}.00\n    预算上限: {low * 2}.00\n    状态: 挖掘中\n" + header(created, owner, created, rnd))
        n_inter = max(3, min(60, int(rnd.gauss(19, 9))))
        day_counts = {}
        for k in range(n_inter):
            y = min(2025, year + k * 3 // max(1, n_inter))
            m, d = rnd.randint(1, 12), rnd.randint(1, 28)
            method = rnd.choice(METHODS)
            date = f"{y}-{m:02d}-{d:02d}"
            key = (date, method)
            day_counts[key] = day_counts.get(key, 0) + 1
            suffix_n = "" if day_counts[key] == 1 else f"-{day_counts[key]}"
            text = "".join(rnd.choice(SENTENCES) for _ in range(rnd.randint(2, 4)))
            doc = (f"沟通时间: {date} {rnd.randint(8, 19):02d}:{rnd.choice(['00', '15', '30', '45'])}\n沟通方式: {method}\n"
                   f"参与人员:\n  我方: [{owner}]\n  客户方: [{contacts[0]}]\n内容类型: {rnd.choice(CONTENT_TYPES)}\n"
                   f"沟通内容: {text}\n")
            if rnd.random() < 0.5:
                doc += f"客户反馈: {rnd.choice(SENTENCES)}\n"
            if rnd.random() < 0.6:
                doc += (f"下一步计划:\n  - 事项: {m}月底前提交{rnd.choice(NEEDS)}方案\n    负责人: {owner}\n"
                        f"    截止日期: {date}\n    优先级: {rnd.choice('高中低')}\n    状态: 已完成\n")
            if rnd.random() < 0.1:
                doc += (f"问题处理:\n  问题等级: {rnd.choice(['一级', '二级', '三级'])}\n  接收时间: {date} 09:00\n"
                        f"  响应时间: {date} 09:40\n  解决时间: {date} 16:30\n")
            doc += header(date, owner, date, rnd)
            files[f"03-互动记录/{y}-Q{quarter(m)}/{date}-{method}{suffix_n}.yaml"] = doc
        if rnd.random() < args.defect_rate:
            inject(files, rnd)
        for rel, text in files.items():
            path = os.path.join(base, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            data = text.encode("utf-8")
            with open(path, "wb") as f:
                f.write(data)
            documents += 1
            total += len(data)
    print(f"{args.customers} customers, {documents} documents, {total} bytes in {args.out}")


def inject(files, rnd):
    rel = rnd.choice(sorted(files))
    text = files[rel]
    kind = rnd.randrange(7)
    if kind == 0:
        text = text.replace("创建时间: 20", "创建时间: 20", 1)
        head, sep, rest = text.partition("创建时间: ")
        if sep:
            date = rest[:10]
            text = head + sep + date.replace("-0", "/").replace("-", "/") + rest[10:]
    elif kind == 1 and ".00" in text:
        i = text.index(".00")
        j = i
        while j > 0 and text[j - 1].isdigit():
            j -= 1
        digits = text[j:i]
        if len(digits) > 3:
            text = text[:j] + digits[:-3] + "," + digits[-3:] + text[i + 3:]
    elif kind == 2:
        text += "备住: 周三下午方便\n"
    elif kind == 3:
        text = "\n".join(l for l in text.split("\n") if not l.startswith("创建人:"))
    elif kind == 4 and rel.startswith("03-互动记录/"):
        parts = rel.split("/")
        y, q = parts[1].split("-Q")
        parts[1] = f"{y}-Q{int(q) % 4 + 1}"
        del files[rel]
        rel = "/".join(parts)
    elif kind == 5:
        text += "最后更新时间: 2025-01-01\n"
    else:
        text = text.replace("客户阶段: 成交", "客户阶段: 成交了").replace("沟通方式: 电话", "沟通方式: 打电话")
    files[rel] = text


if __name__ == "__main__":
    main()
