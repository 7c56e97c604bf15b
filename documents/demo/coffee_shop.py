"""The Russian demo strategy: a speciality coffee shop in Saint Petersburg."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from audiences.models import AgeBand
from strategies.models import (
    BudgetCategory,
    ContentFormat,
    Currency,
    Goal,
    Platform,
    PromotionTool,
    Strategy,
    ToneOfVoice,
)

from .create import MAIN, SUPPORTING, TO_CREATE, Spec

RU_TITLE = "SMM-стратегия на первое полугодие 2027"


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
            "addressable_audience": 120_000,
            "review_every_months": 3,
            "next_review_date": dt.date(2027, 4, 11),
            "review_notes": (
                "Раз в квартал сверяем охват, прирост подписчиков и ER по охвату с целями, смотрим, какие рубрики "
                "и форматы сработали, и перераспределяем бюджет между VK Рекламой и посевами в Telegram. "
                "Проверяем изменения алгоритмов VK и Telegram и новые рекламные форматы."
            ),
        },
        "goals": [
            # goal, metric, platform, counted, target, deadline, how the client puts it
            (
                Goal.AWARENESS,
                "reach",
                "",
                "month",
                "60000",
                dt.date(2027, 6, 30),
                "Месячный охват во ВКонтакте и Telegram",
            ),
            (Goal.AWARENESS, "followers_end", "vk", "period", "6500", dt.date(2027, 6, 30), "Подписчики сообщества"),
            (Goal.AWARENESS, "followers_end", "telegram", "period", "1500", dt.date(2027, 7, 5), "Подписчики канала"),
            (
                Goal.LOYALTY,
                "er_reach",
                "vk",
                "month",
                "4.5",
                dt.date(2027, 6, 30),
                "ERR во ВКонтакте, среднее за месяц",
            ),
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
        "scenarios": [("Минимум", "70", "100"), ("Амбициозный", "160", "120")],
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
