"""Two complete demo strategies, one per demo client, that `seed_demo` loads.

The data lives in two builder functions (`_coffee_shop` in Russian, `_yoga_studio`
in English) that return plain structures; `_create` turns one of them into rows.
Every stage of the wizard is filled, so both strategies are 100 % complete.
Running the seed again finds the strategies by title and creates nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from audiences.models import AgeBand, Segment
from competitors.models import Competitor, CompetitorAccount
from metrics.catalogue import suggested_metrics
from metrics.models import Kpi
from strategies.models import (
    BudgetCategory,
    BudgetLine,
    ContentFormat,
    ContentPillar,
    ContentPlanItem,
    Currency,
    Goal,
    OwnAccount,
    Platform,
    PromotionTool,
    SmartGoal,
    Strategy,
    StrategyPlatform,
    StrategyTool,
    ToneOfVoice,
    Usp,
)
from strategies.services import refresh_cached_figures

RU_TITLE = "SMM-стратегия на первое полугодие 2027"
EN_TITLE = "Social media strategy, February 2027 – January 2028"

Spec = dict[str, Any]

MAIN = StrategyPlatform.Role.MAIN
SUPPORTING = StrategyPlatform.Role.SUPPORTING
TO_CREATE = StrategyPlatform.AccountStatus.TO_CREATE


def _coffee_shop() -> Spec:
    """Кофейня «Северное зерно», Санкт-Петербург: узнаваемость, затем лояльность."""
    return {
        "strategy": {
            "title": RU_TITLE,
            "language": Strategy.Language.RU,
            "currency": Currency.RUB,
            "period_months": 6,
            "start_date": dt.date(2027, 1, 11),
            "leading_goal": Goal.AWARENESS,
            "product": (
                "Кофейня на 28 посадочных мест с собственной обжаркой: эспрессо и альтернативные способы заваривания, "
                "сезонные авторские напитки, выпечка из пекарни по соседству, зерно на вынос и по подписке."
            ),
            "market": "Спешелти-кофейни и обжарщики кофе, B2C",
            "geography": "Санкт-Петербург, Петроградская сторона и соседние районы",
            "review_every_months": 3,
            "next_review_date": dt.date(2027, 4, 11),
            "review_notes": (
                "Раз в квартал сверяем охват, прирост подписчиков и ER по охвату с целями, смотрим, какие рубрики "
                "и форматы сработали, и перераспределяем бюджет между VK Рекламой и посевами в Telegram. "
                "Проверяем изменения алгоритмов VK и Telegram и новые рекламные форматы."
            ),
        },
        "goals": [
            (Goal.AWARENESS, "Месячный охват во ВКонтакте и Telegram", "60000", "человек", dt.date(2027, 6, 30)),
            (Goal.AWARENESS, "Подписчики сообщества ВКонтакте", "6500", "подписчиков", dt.date(2027, 6, 30)),
            (Goal.AWARENESS, "Подписчики Telegram-канала", "1500", "подписчиков", dt.date(2027, 7, 5)),
            (Goal.LOYALTY, "ER по охвату (ERR) во ВКонтакте, среднее за месяц", "4.5", "%", dt.date(2027, 6, 30)),
        ],
        "own_accounts": [
            {
                "platform": Platform.VK,
                "url": "https://vk.com/severnoe_zerno",
                "followers": 3200,
                "avg_reach": 1100,
                "engagement_rate": Decimal("2.10"),
                "posts_per_week": Decimal("3.0"),
                "what_works": (
                    "Лучше всего заходят фото новых сезонных напитков и посты о бариста. Анонсы акций без картинки "
                    "набирают вдвое меньше охвата. Клипы почти не публиковали."
                ),
            },
            {
                "platform": Platform.INSTAGRAM,
                "url": "https://instagram.com/severnoe.zerno",
                "followers": 4100,
                "avg_reach": 900,
                "engagement_rate": Decimal("1.60"),
                "posts_per_week": Decimal("1.5"),
                "what_works": (
                    "Исторически основной аккаунт, но охват падает: часть аудитории ушла во ВКонтакте и Telegram. "
                    "Сторис с меню дня по-прежнему смотрят постоянные гости."
                ),
            },
            {
                "platform": Platform.TELEGRAM,
                "has_account": False,
                "what_works": "Канала пока нет; гости спрашивают, где следить за новыми лотами зерна.",
            },
        ],
        "competitors": [
            {
                "name": "Обжарочная «Медный турок»",
                "website": "https://medny-turok.example.com",
                "strengths": (
                    "Сильный Telegram-канал о зерне и обжарке: разборы лотов, ответы обжарщика, дегустации по записи."
                ),
                "gaps": "Почти не рассказывают о самой кофейне и людях; во ВКонтакте редкие и однообразные посты.",
                "accounts": [
                    (Platform.TELEGRAM, "https://t.me/medny_turok", 3900, "7", 65, 6, 12, 1650, "лонгриды, фото"),
                    (Platform.VK, "https://vk.com/medny_turok", 5400, "2", 70, 4, 3, 2100, "фото, анонсы"),
                ],
            },
            {
                "name": "Кофейня «Чашка на Литейном»",
                "website": "https://chashka-liteyny.example.com",
                "strengths": "Регулярные клипы с бариста и живые сторис; активные розыгрыши с соседними заведениями.",
                "gaps": "Нет своей обжарки и разговора о зерне; на комментарии отвечают с задержкой в несколько дней.",
                "accounts": [
                    (Platform.VK, "https://vk.com/chashka_liteyny", 12400, "5", 180, 14, 9, 4800, "клипы, фото, юмор"),
                    (Platform.INSTAGRAM, "https://instagram.com/chashka.spb", 18500, "4", 420, 22, 35, 6200, "reels"),
                ],
            },
            {
                "name": "Сеть «Кофе у Невы»",
                "website": "https://kofe-u-nevy.example.com",
                "strengths": "Крупный бюджет на таргет, понятная программа лояльности, единый фирменный стиль.",
                "gaps": "Обезличенный сетевой тон, мало локального контента о районе; низкая вовлечённость.",
                "accounts": [
                    (Platform.VK, "https://vk.com/kofe_u_nevy", 48000, "7", 310, 12, 20, 15500, "акции, фото меню"),
                    (Platform.TELEGRAM, "https://t.me/kofe_u_nevy", 9200, "5", 40, 0, 8, 2300, "акции"),
                    (Platform.INSTAGRAM, "https://instagram.com/kofe_u_nevy", 36000, "5", 350, 9, 15, 9800, "фото"),
                ],
            },
        ],
        "segments": [
            {
                "name": "Молодые специалисты с Петроградки",
                "is_primary": True,
                "women_share": 60,
                "age_bands": [AgeBand.ADULT],
                "geography": "Живут или работают на Петроградской стороне",
                "income": "Средний и выше среднего, 80–150 тыс. ₽ в месяц",
                "occupation": "Офисные сотрудники, IT, креативные индустрии, фрилансеры",
                "interests": "Кофе, городские прогулки, выставки, книги, работа из кафе",
                "pains": (
                    "Нужен хороший кофе по дороге на работу и спокойное место поработать с ноутбуком; "
                    "устали от однотипных сетевых кофеен."
                ),
                "objections": "Дороже сетей; в часы пик бывает очередь; не всегда есть свободная розетка.",
                "platforms": [Platform.VK, Platform.TELEGRAM, Platform.INSTAGRAM],
                "content": "Клипы, сторис, городские Telegram-каналы, подборки мест и афиши",
            },
            {
                "name": "Студенты соседних вузов",
                "is_primary": False,
                "women_share": 55,
                "age_bands": [AgeBand.YOUNG],
                "geography": "Петроградская сторона, Васильевский остров",
                "income": "Ниже среднего, стипендия и подработка",
                "occupation": "Студенты ИТМО, СПбГУ, ЛЭТИ",
                "interests": "Учёба, музыка, мемы, недорогие места встреч",
                "pains": "Ищут недорогой вкусный кофе и место, где можно посидеть с друзьями или готовиться к сессии.",
                "objections": "Цена чашки; кажется, что спешелти — это «для знатоков».",
                "platforms": [Platform.VK, Platform.TELEGRAM, Platform.TIKTOK],
                "content": "Короткие видео, мемы, студенческие паблики",
            },
            {
                "name": "Ценители спешелти-кофе",
                "is_primary": False,
                "women_share": 40,
                "age_bands": [AgeBand.ADULT, AgeBand.MIDDLE],
                "geography": "Весь Санкт-Петербург",
                "income": "Выше среднего",
                "occupation": "Специалисты и предприниматели, домашние бариста",
                "interests": "Альтернативное заваривание, новые лоты, дегустации, кофейные чемпионаты",
                "pains": "Хотят свежую обжарку и подробности о происхождении зерна, а не маркетинговые общие слова.",
                "objections": "Сомневаются в качестве обжарки небольшой кофейни.",
                "platforms": [Platform.TELEGRAM, Platform.INSTAGRAM],
                "content": "Лонгриды о зерне, обзоры оборудования, профильные Telegram-каналы",
            },
        ],
        "tone": {
            "formal_casual": 4,
            "serious_playful": 3,
            "respectful_irreverent": 2,
            "enthusiastic_matter_of_fact": 2,
            "address_form": ToneOfVoice.Address.VY,
            "personality": "Тёплый, внимательный, знающий своё дело сосед",
            "words_to_use": "зерно, обжарка, сезонный, соседи, Петроградка, утро, спасибо, заходите",
            "words_to_avoid": (
                "канцелярит («осуществляем», «в рамках»), снобизм по отношению к «неправильному» кофе, "
                "политика, сравнение с конкурентами по именам"
            ),
            "emoji_policy": ToneOfVoice.Emoji.SPARING,
            "comment_replies": (
                "Отвечаем в течение рабочего дня, по имени и на «вы», благодарим за отзыв и приглашаем зайти снова."
            ),
            "complaint_replies": (
                "Публично извиняемся и благодарим за сигнал, выясняем детали в личных сообщениях, "
                "предлагаем напиток за счёт заведения и рассказываем, что исправили."
            ),
            "example_phrases": (
                "Доброе утро, соседи! Новый лот из Эфиопии уже в воронке.\n"
                "Заходите погреться: сегодня в меню раф с можжевельником.\n"
                "Спасибо, что пишете нам — передали бариста, ему очень приятно."
            ),
            "brand_colors": "#3b2a20, #d9b38c, #f4efe6, #2f4858",
            "fonts": "Manrope, PT Serif",
            "photo_style": (
                "Естественный дневной свет, тёплые тона, крупные планы зерна и рук бариста, "
                "петербургские фасады за окном; без стоковых фото."
            ),
        },
        "usp": {
            "product_strengths": (
                "Собственная обжарка раз в неделю, зерно в чашке не старше 14 дней\n"
                "Альтернативное заваривание и сезонные авторские напитки\n"
                "Зерно на вынос и по подписке"
            ),
            "product_weaknesses": "Небольшой зал, в часы пик очередь; цена выше сетевых кофеен.",
            "brand_strengths": "Узнаваемые бариста, тёплые отзывы на картах, атмосфера «своей» кофейни района.",
            "brand_weaknesses": "Бренд мало известен за пределами Петроградской стороны; нет канала в Telegram.",
            "statement": (
                "Единственная кофейня на Петроградке, которая сама обжаривает зерно каждую неделю: "
                "от обжарки до вашей чашки — не больше двух недель."
            ),
            "reasons_to_believe": (
                "Ростер стоит прямо в зале, обжарку видно через стекло\n"
                "На каждой пачке — дата обжарки и имя обжарщика\n"
                "Рейтинг 4,9 на картах по более чем 600 отзывам"
            ),
        },
        "platforms": [
            {
                "platform": Platform.VK,
                "role": MAIN,
                "rationale": (
                    "Основная соцсеть нашей аудитории 25–34 в Петербурге; есть сообщество с живыми подписчиками, "
                    "VK Реклама с таргетингом по району и клипы для охвата."
                ),
                "handle": "severnoe_zerno",
                "profile_description": "Кофейня с собственной обжаркой на Петроградке. Зерно на вынос, сезонное меню.",
                "links": "https://vk.com/severnoe_zerno\nhttps://example.com/coffee",
            },
            {
                "platform": Platform.TELEGRAM,
                "role": MAIN,
                "account_status": TO_CREATE,
                "rationale": (
                    "Ценители спешелти и молодые специалисты читают городские и кофейные каналы; канал даст прямой "
                    "контакт с постоянными гостями и площадку для посевов."
                ),
                "handle": "@severnoe_zerno",
                "profile_description": "Новые лоты, обжарка и жизнь кофейни «Северное зерно». Петроградская сторона.",
                "links": "https://t.me/severnoe_zerno",
            },
            {
                "platform": Platform.INSTAGRAM,
                "role": SUPPORTING,
                "rationale": (
                    "Аккаунт с историей и 4 тыс. подписчиков: держим его для постоянных гостей и визуального "
                    "портфолио, без рекламного бюджета."
                ),
                "handle": "severnoe.zerno",
                "profile_description": "Кофе, обжарка и Петроградка ☕ Ждём вас каждый день с 8:00.",
                "links": "https://instagram.com/severnoe.zerno",
            },
        ],
        "content": [
            (Platform.VK, ContentFormat.PHOTO, "2"),
            (Platform.VK, ContentFormat.CAROUSEL, "1"),
            (Platform.VK, ContentFormat.SHORT_VIDEO, "2"),
            (Platform.TELEGRAM, ContentFormat.LONGREAD, "2"),
            (Platform.TELEGRAM, ContentFormat.PHOTO, "3"),
            (Platform.INSTAGRAM, ContentFormat.STORIES, "5"),
            (Platform.INSTAGRAM, ContentFormat.SHORT_VIDEO, "1"),
        ],
        "pillars": [
            ("Зерно и обжарка", "Новые лоты, происхождение, как мы обжариваем и как заваривать дома.", "25"),
            ("Люди кофейни", "Бариста, обжарщик, постоянные гости и их истории.", "20"),
            ("Район и город", "Петроградка, прогулки, соседние места и события.", "20"),
            ("Меню и сезонные напитки", "Новинки, сезонное меню, выпечка.", "20"),
            ("Акции и события", "Дегустации, каппинги, розыгрыши, подписка на зерно.", "15"),
        ],
        "tools": [
            (PromotionTool.TARGETED_ADS, "VK Реклама на жителей и работающих в радиусе 2 км, клипы и карусели."),
            (PromotionTool.SEEDING, "Посевы в городских Telegram-каналах и пабликах Петроградской стороны."),
            (PromotionTool.COMMUNITY, "Ответы на комментарии и сообщения каждый день, опросы, сбор отзывов."),
            (PromotionTool.CONTESTS, "Розыгрыш пачки зерна раз в месяц среди подписчиков, кто отметит друга."),
        ],
        "budget": [
            (BudgetCategory.COPYWRITING, "", "20000", "Тексты постов и лонгридов для всех площадок"),
            (BudgetCategory.DESIGN, "", "12000", "Шаблоны, обложки, карусели"),
            (BudgetCategory.PHOTO, "", "15000", "Одна съёмка в месяц"),
            (BudgetCategory.VIDEO, Platform.VK, "18000", "Съёмка и монтаж клипов"),
            (BudgetCategory.TARGETED_ADS, Platform.VK, "35000", "VK Реклама"),
            (BudgetCategory.SEEDING, Platform.TELEGRAM, "20000", "2–3 посева в городских каналах"),
            (BudgetCategory.COMMUNITY, "", "15000", "Комьюнити-менеджер на полставки"),
            (BudgetCategory.CONTESTS, Platform.INSTAGRAM, "5000", "Призы: зерно и напитки"),
        ],
        "kpi_notes": {
            "reach": "Суммарно VK и Telegram, по статистике площадок",
            "impressions": "Органика и реклама вместе",
            "mentions": "Отметки и упоминания в VK, Telegram и на картах",
            "share_of_voice": "Среди трёх конкурентов из анализа",
            "follower_growth": "Отдельно по каждой площадке",
            "er_reach": "ERR по постам VK, среднее за месяц",
            "comments": "Комментарии под постами VK и Telegram",
            "repeat_engagement": "Доля тех, кто реагировал больше одного раза за месяц",
        },
    }


def _yoga_studio() -> Spec:
    """Brightside Yoga Studio, Manchester: class bookings first, awareness second."""
    return {
        "strategy": {
            "title": EN_TITLE,
            "language": Strategy.Language.EN,
            "currency": Currency.EUR,  # closest available to GBP
            "period_months": 12,
            "start_date": dt.date(2027, 2, 1),
            "leading_goal": Goal.LEADS,
            "product": (
                "Vinyasa, yin and hot yoga classes, a four-week beginners' course, prenatal yoga and corporate "
                "sessions in a studio for 24 people; drop-ins, class packs and monthly memberships booked online."
            ),
            "market": "Boutique yoga and mindful-fitness studios, B2C with some B2B corporate wellbeing",
            "geography": "Manchester city centre, Ancoats, the Northern Quarter and Salford, UK",
            "review_every_months": 3,
            "next_review_date": dt.date(2027, 5, 1),
            "review_notes": (
                "Every quarter we compare trial bookings, cost per booking and reach with the targets, check which "
                "pillars and formats drive bookings, and move budget between Meta and TikTok ads and creator "
                "partnerships. We also check platform changes to Reels, TikTok and YouTube Shorts."
            ),
        },
        "goals": [
            (Goal.LEADS, "Trial class bookings from social media per month", "120", "bookings", dt.date(2027, 7, 31)),
            (Goal.LEADS, "Trial class bookings from social media per month", "200", "bookings", dt.date(2028, 1, 15)),
            (Goal.LEADS, "Cost per trial booking", "9", "€", dt.date(2027, 10, 31)),
            (Goal.AWARENESS, "Monthly reach across all platforms", "80000", "people", dt.date(2027, 12, 31)),
            (Goal.AWARENESS, "Instagram followers", "9000", "followers", dt.date(2028, 1, 15)),
        ],
        "own_accounts": [
            {
                "platform": Platform.INSTAGRAM,
                "url": "https://instagram.com/brightsideyoga.mcr",
                "followers": 4300,
                "avg_reach": 1600,
                "engagement_rate": Decimal("2.40"),
                "posts_per_week": Decimal("4.0"),
                "what_works": (
                    "Reels of short flows and teacher introductions reach three times more people than photos. "
                    "Timetable posts get little engagement."
                ),
            },
            {
                "platform": Platform.FACEBOOK,
                "url": "https://facebook.com/brightsideyogamcr",
                "followers": 1900,
                "avg_reach": 350,
                "engagement_rate": Decimal("0.40"),
                "posts_per_week": Decimal("2.0"),
                "what_works": "Events (workshops, retreats) get RSVPs from older members; organic reach is low.",
            },
            {
                "platform": Platform.YOUTUBE,
                "url": "https://youtube.com/@brightsideyoga",
                "followers": 260,
                "avg_reach": 150,
                "engagement_rate": Decimal("1.10"),
                "posts_per_week": Decimal("0.3"),
                "what_works": "A few full-length classes uploaded in lockdown still bring search traffic.",
            },
            {
                "platform": Platform.TIKTOK,
                "has_account": False,
                "what_works": "No account yet; several members already post their practice from the studio.",
            },
        ],
        "competitors": [
            {
                "name": "Lotus Flow Yoga",
                "website": "https://lotusflow.example.com",
                "strengths": "Polished Reels with a consistent look; clear beginner offer pinned in the profile.",
                "gaps": "Nothing for complete beginners on TikTok; comments often go unanswered.",
                "accounts": [
                    (Platform.INSTAGRAM, "https://instagram.com/lotusflowmcr", 11200, "5", 310, 18, 24, 5400, "reels"),
                    (Platform.FACEBOOK, "https://facebook.com/lotusflowmcr", 3600, "3", 25, 3, 2, None, "events"),
                ],
            },
            {
                "name": "The Hot Room Ancoats",
                "website": "https://hotroom.example.com",
                "strengths": "Strong TikTok built on teacher personalities and humour; regular creator collaborations.",
                "gaps": "Only hot yoga; little for prenatal or gentle classes; intimidating for beginners.",
                "accounts": [
                    (Platform.TIKTOK, "https://tiktok.com/@thehotroomanc", 24500, "6", 1150, 42, 60, 18000, "humour"),
                    (Platform.INSTAGRAM, "https://instagram.com/thehotroomanc", 8900, "4", 240, 11, 14, 4100, "reels"),
                ],
            },
            {
                "name": "FlexFit Chorlton",
                "website": "https://flexfit.example.com",
                "strengths": "Large ad budget and aggressive first-month offers; good YouTube class library.",
                "gaps": "Gym-chain tone, yoga is one of many classes; no community feel.",
                "accounts": [
                    (Platform.FACEBOOK, "https://facebook.com/flexfitchorlton", 15800, "5", 40, 6, 3, None, "offers"),
                    (Platform.INSTAGRAM, "https://instagram.com/flexfitchorlton", 14300, "4", 150, 5, 6, 3900, "ads"),
                    (Platform.YOUTUBE, "https://youtube.com/@flexfitmcr", 5200, "1", 90, 12, None, 2400, "classes"),
                ],
            },
        ],
        "segments": [
            {
                "name": "Young professionals new to yoga",
                "is_primary": True,
                "women_share": 78,
                "age_bands": [AgeBand.ADULT],
                "geography": "Live or work in Manchester city centre, Ancoats and Salford",
                "income": "£30–50k a year",
                "occupation": "Office and hybrid workers in tech, media, finance and healthcare",
                "interests": "Running, brunch, wellbeing, travel, podcasts",
                "pains": (
                    "Stress and back pain from desk work; want a calm routine after work but feel unfit "
                    "or unsure what to expect from a first class."
                ),
                "objections": "Classes look too advanced; membership feels like a commitment; price of drop-ins.",
                "platforms": [Platform.INSTAGRAM, Platform.TIKTOK],
                "content": "Reels and TikToks, wellbeing creators, local Manchester food and events accounts",
            },
            {
                "name": "Experienced practitioners",
                "is_primary": False,
                "women_share": 70,
                "age_bands": [AgeBand.MIDDLE, AgeBand.MATURE],
                "geography": "Greater Manchester",
                "income": "£40–70k a year",
                "occupation": "Managers, teachers, self-employed",
                "interests": "Workshops, retreats, yin and meditation, YouTube classes at home",
                "pains": "Want depth and good teachers, not a gym-style class; need a timetable that fits family life.",
                "objections": "Already have a home practice; loyal to another studio.",
                "platforms": [Platform.INSTAGRAM, Platform.FACEBOOK, Platform.YOUTUBE],
                "content": "Long-form classes, teacher interviews, event pages",
            },
            {
                "name": "Expectant and new mums",
                "is_primary": False,
                "women_share": 100,
                "age_bands": [AgeBand.ADULT, AgeBand.MIDDLE],
                "geography": "City centre and south Manchester",
                "income": "Mixed; often on parental leave",
                "occupation": "On maternity leave or returning to work",
                "interests": "Prenatal health, parenting groups, gentle exercise",
                "pains": "Need safe, qualified prenatal classes and a community of other parents.",
                "objections": "Worry whether yoga is safe during pregnancy.",
                "platforms": [Platform.INSTAGRAM, Platform.FACEBOOK],
                "content": "Facebook parenting groups, Instagram stories, midwife and physio accounts",
            },
        ],
        "tone": {
            "formal_casual": 4,
            "serious_playful": 3,
            "respectful_irreverent": 2,
            "enthusiastic_matter_of_fact": 2,
            "address_form": ToneOfVoice.Address.NA,
            "personality": "Warm, encouraging, down-to-earth, never preachy",
            "words_to_use": "breathe, move, your pace, beginners welcome, community, come as you are, Manchester",
            "words_to_avoid": (
                "body-shaming and weight-loss promises, medical claims, Sanskrit without explanation, "
                "'perfect pose', guilt ('no excuses')"
            ),
            "emoji_policy": ToneOfVoice.Emoji.SPARING,
            "comment_replies": (
                "Reply within a day, by first name, warmly and briefly; answer questions fully and point to the "
                "booking link when it helps."
            ),
            "complaint_replies": (
                "Thank them publicly and move to direct messages; the studio manager follows up the same day, "
                "offers a free class where fair and reports back what changed."
            ),
            "example_phrases": (
                "Never done yoga before? Perfect — this class is for you.\n"
                "Come as you are, leave a little lighter.\n"
                "Thanks for the kind words — we'll pass them on to Priya!"
            ),
            "brand_colors": "#f2a65a, #2e4057, #fdf6ec, #7bb39a",
            "fonts": "Poppins, Lora",
            "photo_style": (
                "Soft natural light, real members of all body types and ages, warm tones, candid moments between "
                "poses; no stock images."
            ),
        },
        "usp": {
            "product_strengths": (
                "Beginners' course with small groups of up to 12\n"
                "Prenatal and gentle classes alongside dynamic ones\n"
                "Online booking and flexible class packs"
            ),
            "product_weaknesses": "One studio room; peak evening classes sell out; no showers.",
            "brand_strengths": "Friendly, experienced teachers; strong word of mouth; 4.9 stars on Google.",
            "brand_weaknesses": "Little known outside the Northern Quarter; inconsistent posting so far.",
            "statement": (
                "The Manchester studio where complete beginners feel at home: small classes, caring teachers "
                "and a first month that fits your pace."
            ),
            "reasons_to_believe": (
                "Classes capped at 12 people in the beginners' course\n"
                "All teachers have 500+ hours of training\n"
                "4.9 stars from more than 300 Google reviews"
            ),
        },
        "platforms": [
            {
                "platform": Platform.INSTAGRAM,
                "role": MAIN,
                "rationale": (
                    "Where our primary segment spends its time; Reels and stories show the studio atmosphere, "
                    "and Meta lead ads bring trial bookings."
                ),
                "handle": "@brightsideyoga.mcr",
                "profile_description": "Yoga for every body in Manchester 🌞 Beginners welcome. Book a first class ↓",
                "links": "https://instagram.com/brightsideyoga.mcr\nhttps://example.com/yoga",
            },
            {
                "platform": Platform.TIKTOK,
                "role": SUPPORTING,
                "account_status": TO_CREATE,
                "rationale": (
                    "Cheap organic reach among 18–34s; short beginner flows and teacher personalities build awareness."
                ),
                "handle": "@brightsideyoga",
                "profile_description": "Your friendly Manchester yoga studio. Beginner tips, flows and studio life.",
                "links": "https://example.com/yoga",
            },
            {
                "platform": Platform.FACEBOOK,
                "role": SUPPORTING,
                "rationale": "Events and workshops for experienced members and local parenting groups for prenatal.",
                "handle": "brightsideyogamcr",
                "profile_description": "Brightside Yoga Studio, Manchester. Classes, workshops and events.",
                "links": "https://facebook.com/brightsideyogamcr",
            },
            {
                "platform": Platform.YOUTUBE,
                "role": SUPPORTING,
                "rationale": "Full classes and Shorts bring search traffic and let newcomers try a class at home.",
                "handle": "@brightsideyoga",
                "profile_description": "Free classes from Brightside Yoga, Manchester. New videos every fortnight.",
                "links": "https://youtube.com/@brightsideyoga",
            },
        ],
        "content": [
            (Platform.INSTAGRAM, ContentFormat.SHORT_VIDEO, "3"),
            (Platform.INSTAGRAM, ContentFormat.CAROUSEL, "1"),
            (Platform.INSTAGRAM, ContentFormat.STORIES, "7"),
            (Platform.INSTAGRAM, ContentFormat.LIVE, "0.5"),
            (Platform.TIKTOK, ContentFormat.SHORT_VIDEO, "3"),
            (Platform.FACEBOOK, ContentFormat.PHOTO, "2"),
            (Platform.YOUTUBE, ContentFormat.VIDEO, "0.5"),
            (Platform.YOUTUBE, ContentFormat.SHORT_VIDEO, "2"),
        ],
        "pillars": [
            ("Beginner-friendly practice", "Short flows, pose tips, what to expect in a first class.", "30"),
            ("Studio community and teachers", "Teacher introductions, behind the scenes, member moments.", "20"),
            ("Classes and offers", "Timetable highlights, beginners' course, class packs, workshops.", "20"),
            ("Wellbeing beyond the mat", "Breathing, sleep, desk stretches, mindful habits.", "15"),
            ("Member stories", "Real members on how yoga changed their routine.", "15"),
        ],
        "tools": [
            (PromotionTool.TARGETED_ADS, "Meta lead ads for the beginners' course within 5 km; TikTok Spark Ads."),
            (PromotionTool.INFLUENCERS, "Two Manchester wellbeing micro-creators a quarter, with a trial-class code."),
            (PromotionTool.COMMUNITY, "Daily replies to comments and DMs, member reposts, monthly Q&A live."),
        ],
        "budget": [
            (BudgetCategory.COPYWRITING, "", "350", "Captions, ad copy and YouTube descriptions"),
            (BudgetCategory.DESIGN, "", "250", "Templates, carousels, thumbnails"),
            (BudgetCategory.PHOTO, "", "200", "Quarterly shoot, spread over the months"),
            (BudgetCategory.VIDEO, Platform.INSTAGRAM, "700", "Reels filmed twice a month, also cut for TikTok"),
            (BudgetCategory.VIDEO, Platform.YOUTUBE, "250", "Full-class recording and editing"),
            (BudgetCategory.TARGETED_ADS, Platform.INSTAGRAM, "1000", "Meta lead ads, beginners' course"),
            (BudgetCategory.TARGETED_ADS, Platform.FACEBOOK, "300", "Event and prenatal campaigns"),
            (BudgetCategory.INFLUENCERS, Platform.INSTAGRAM, "400", "Micro-creator collaborations"),
            (BudgetCategory.INFLUENCERS, Platform.TIKTOK, "300", "Creator collaborations"),
            (BudgetCategory.COMMUNITY, "", "450", "Community manager, 10 hours a week"),
        ],
        "kpi_notes": {
            "reach": "All four platforms, from native analytics",
            "impressions": "Organic and paid together",
            "mentions": "Tags and mentions, including Google reviews that mention social",
            "share_of_voice": "Against the three competitors analysed",
            "follower_growth": "Per platform",
            "link_clicks": "Clicks to the booking page, tracked with UTM tags",
            "ctr": "Link CTR of the ads",
            "leads": "Trial class bookings attributed to social",
            "cpl": "Ad spend / trial bookings",
        },
    }


def _create(spec: Spec, *, client, owner) -> Strategy:
    """Write one strategy and all its stages from a spec built above."""
    strategy = Strategy.objects.create(client=client, owner=owner, status=Strategy.Status.DRAFT, **spec["strategy"])

    SmartGoal.objects.bulk_create(
        SmartGoal(strategy=strategy, goal=goal, metric=metric, target_value=Decimal(target), unit=unit, deadline=date)
        for goal, metric, target, unit, date in spec["goals"]
    )
    OwnAccount.objects.bulk_create(OwnAccount(strategy=strategy, **row) for row in spec["own_accounts"])

    for row in spec["competitors"]:
        data = dict(row)
        accounts = data.pop("accounts")
        competitor = Competitor.objects.create(strategy=strategy, **data)
        CompetitorAccount.objects.bulk_create(
            CompetitorAccount(
                competitor=competitor,
                platform=platform,
                url=url,
                followers=followers,
                posts_per_week=Decimal(posts),
                avg_likes=likes,
                avg_comments=comments,
                avg_shares=shares,
                avg_views=views,
                formats=formats,
            )
            for platform, url, followers, posts, likes, comments, shares, views, formats in accounts
        )

    Segment.objects.bulk_create(Segment(strategy=strategy, **row) for row in spec["segments"])
    ToneOfVoice.objects.create(strategy=strategy, **spec["tone"])
    Usp.objects.create(strategy=strategy, **spec["usp"])
    StrategyPlatform.objects.bulk_create(StrategyPlatform(strategy=strategy, **row) for row in spec["platforms"])
    ContentPlanItem.objects.bulk_create(
        ContentPlanItem(strategy=strategy, platform=platform, format=fmt, posts_per_week=Decimal(posts))
        for platform, fmt, posts in spec["content"]
    )
    ContentPillar.objects.bulk_create(
        ContentPillar(strategy=strategy, name=name, description=description, share=Decimal(share))
        for name, description, share in spec["pillars"]
    )
    StrategyTool.objects.bulk_create(
        StrategyTool(strategy=strategy, tool=tool, notes=notes) for tool, notes in spec["tools"]
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(strategy=strategy, category=category, platform=platform, monthly_amount=Decimal(amount), note=note)
        for category, platform, amount, note in spec["budget"]
    )

    goals = {strategy.leading_goal} | {goal for goal, *_ in spec["goals"]}
    notes = spec["kpi_notes"]
    Kpi.objects.bulk_create(
        Kpi(strategy=strategy, metric=key, notes=notes.get(key, "")) for key in suggested_metrics(goals)
    )

    refresh_cached_figures(strategy)
    return strategy


def _ensure(spec: Spec, *, client, owner) -> Strategy:
    existing = Strategy.objects.filter(client=client, title=spec["strategy"]["title"]).order_by("pk").first()
    return existing if existing is not None else _create(spec, client=client, owner=owner)


@transaction.atomic
def seed_demo_strategies(demo: dict) -> list[Strategy]:
    """One complete draft strategy per demo client; returns the existing ones on a second run."""
    owner = demo["marketer"]
    return [
        _ensure(_coffee_shop(), client=demo["ru_client"], owner=owner),
        _ensure(_yoga_studio(), client=demo["en_client"], owner=owner),
    ]
