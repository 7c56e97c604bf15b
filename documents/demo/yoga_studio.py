"""The English demo strategy: a yoga studio in Manchester."""

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

EN_TITLE = "Social media strategy, February 2027 – January 2028"


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
            "addressable_audience": 180_000,
            "review_every_months": 3,
            "next_review_date": dt.date(2027, 5, 1),
            "review_notes": (
                "Every quarter we compare trial bookings, cost per booking and reach with the targets, check which "
                "pillars and formats drive bookings, and move budget between Meta and TikTok ads and creator "
                "partnerships. We also check platform changes to Reels, TikTok and YouTube Shorts."
            ),
        },
        "goals": [
            # goal, metric, platform, counted, target, deadline, how the client puts it
            (Goal.LEADS, "leads", "", "month", "120", dt.date(2027, 7, 31), "Trial class bookings per month"),
            (Goal.LEADS, "leads", "", "month", "200", dt.date(2028, 1, 15), "Trial class bookings per month"),
            (Goal.LEADS, "cpl", "", "period", "9", dt.date(2027, 10, 31), "Cost per trial booking from ads"),
            (Goal.AWARENESS, "reach", "", "month", "80000", dt.date(2027, 12, 31), "Monthly reach, all platforms"),
            (
                Goal.AWARENESS,
                "followers_end",
                "instagram",
                "period",
                "9000",
                dt.date(2028, 1, 15),
                "Instagram followers",
            ),
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
        # name, budget %, posting %: compared with the plan on the Metrics stage and in the document
        "scenarios": [("Minimum", "70", "100"), ("Ambitious", "200", "125")],
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
