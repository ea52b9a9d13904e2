"""The truth about each corpus CV: the facts make_corpus.py renders and expected.json repeats.

Pure data. Dates are YYYY-MM or YYYY, "present" for an open end; dates_text is how the CV
prints the range. A few keys only steer the layout (hyphenated_lines, page_two, the column
sentences) and say what a reader must get right about it.
"""

from __future__ import annotations

from typing import Any

ENCRYPTED_PASSWORD = "corpus-Pa55word"

CVS: dict[str, dict[str, Any]] = {
    "cv_single_column.pdf": {
        "name": "Daniel Okafor",
        "title": "Senior Backend Engineer",
        "contact": "daniel.okafor@example.com | +44 20 7946 0958 | Manchester, UK",
        "summary": (
            "Backend engineer with nine years of building reliable data services, "
            "from front-end integrations to high-volume event pipelines."
        ),
        "skills": ["Python", "PostgreSQL", "Docker", "Kubernetes", "Terraform", "AWS", "FastAPI"],
        "experience": [
            {
                "employer": "Northwind Analytics",
                "title": "Senior Backend Engineer",
                "start": "2021-03",
                "end": "present",
                "dates_text": "Mar 2021 – Present",
                "bullets": [
                    "Designed the ingestion service that processes 40 million events a day.",
                    "Cut p95 API latency from 480 ms to 120 ms by redesigning the caching layer.",
                ],
            },
            {
                "employer": "Bluefin Logistics",
                "title": "Software Engineer",
                "start": "2017-06",
                "end": "2021-02",
                "dates_text": "Jun 2017 – Feb 2021",
                "bullets": [
                    "Built route optimisation APIs in Python and PostgreSQL for 300 depots.",
                    "Moved twelve services to Docker and Kubernetes with zero downtime.",
                ],
            },
        ],
        "education": [
            {
                "institution": "University of Leeds",
                "degree": "BSc Computer Science",
                "start": "2013",
                "end": "2017",
                "dates_text": "2013 – 2017",
            }
        ],
        # Line breaks drawn exactly as here: "experi-" / "ence" must be joined on reading.
        "hyphenated_lines": [
            "Led a team of four engineers through the migration and gained deep experi-",
            "ence in distributed systems, event sourcing and on-call practice.",
        ],
        "hyphenated_word": "experience",
        "page_two": [
            "Projects",
            "Open-source maintainer of a PostgreSQL migration linter used by 2019-2021 cohorts.",
            "Certifications",
            "AWS Certified Solutions Architect – Associate (2022)",
            "Languages",
            "English (native), French (professional working proficiency)",
        ],
    },
    "cv_two_column.pdf": {
        "name": "María Fernández López",
        "title": "Data Analyst",
        "contact": "maria.fernandez@example.org | Madrid, Spain",
        "skills": ["SQL", "Tableau", "Python", "pandas", "Power BI", "Excel", "dbt"],
        "experience": [
            {
                "employer": "Helios Energy",
                "title": "Data Analyst",
                "start": "2020-09",
                "end": "present",
                "dates_text": "Sep 2020 – Present",
                "bullets": [],
            },
            {
                "employer": "Cobalt Health",
                "title": "Junior Analyst",
                "start": "2018-01",
                "end": "2020-08",
                "dates_text": "Jan 2018 – Aug 2020",
                "bullets": [],
            },
        ],
        "education": [
            {
                "institution": "Universidad Carlos III de Madrid",
                "degree": "BSc Statistics",
                "start": "2014",
                "end": "2018",
                "dates_text": "2014 – 2018",
            }
        ],
        # Sentences long enough to wrap over several lines in their column; a reader that
        # interleaves the columns line by line breaks every one of them.
        "left_sentences": [
            "Certified Scrum Master who enjoys mentoring junior analysts and running workshops.",
            "Fluent in Spanish and English with a working knowledge of Portuguese and Catalan.",
        ],
        "right_sentences": [
            "Built a demand forecasting pipeline that cut stock-outs by thirty percent across "
            "Spain.",
            "Automated the monthly board report so that it now takes ten minutes instead of "
            "two days.",
            "Cleaned and linked patient records from four hospitals into one reporting "
            "warehouse.",
        ],
    },
    "cv_ligatures.pdf": {
        "name": "Fiona Clifford",
        "title": "Financial Analyst",
        "contact": "fiona.clifford@example.net | Dublin, Ireland",
        "skills": ["Financial modelling", "Excel", "SQL", "Workflow automation", "Power BI",
                   "Forecasting"],
        "experience": [
            {
                "employer": "Shelfield Finance",
                "title": "Financial Analyst",
                "start": "2019-05",
                "end": "present",
                "dates_text": "May 2019 – Present",
                "bullets": [
                    "Streamlined office workflows and the affiliate reporting cycle.",
                    "Built effective cash-flow forecasts for the fleet division.",
                ],
            },
            {
                "employer": "Mayfield Office Supplies",
                "title": "Finance Assistant",
                "start": "2016-09",
                "end": "2019-04",
                "dates_text": "Sep 2016 – Apr 2019",
                "bullets": ["Reconciled supplier accounts and filed quarterly returns."],
            },
        ],
        "education": [
            {
                "institution": "Trinity College Dublin",
                "degree": "BA Economics",
                "start": "2012",
                "end": "2016",
                "dates_text": "2012 – 2016",
            }
        ],
        # Words drawn with the ligature glyphs U+FB00..U+FB04; the reader must give plain
        # letters back.
        "ligature_words": ["Certified", "workflows", "effective", "office", "affiliate",
                           "Clifford", "Shelfield", "filed", "fleet"],
    },
    "cv_turkish.pdf": {
        "name": "Şebnem Çağla Yıldırım",
        "title": "Veri Bilimci",
        "contact": "sebnem.yildirim@example.com.tr | İstanbul, Türkiye",
        "skills": ["Python", "Makine Öğrenmesi", "SQL", "Docker", "İstatistik", "Doğal Dil İşleme"],
        "experience": [
            {
                "employer": "Boğaziçi Yazılım A.Ş.",
                "title": "Kıdemli Veri Bilimci",
                "start": "2020-09",
                "end": "present",
                "dates_text": "Eylül 2020 – Günümüz",
                "bullets": [
                    "Müşteri kaybını öngören modeli geliştirdi; iptal oranı %18 düştü.",
                    "Türkçe metin sınıflandırma hattını üretime taşıdı.",
                ],
            },
            {
                "employer": "Ankara Veri Teknolojileri",
                "title": "Veri Analisti",
                "start": "2017-02",
                "end": "2020-08",
                "dates_text": "Şubat 2017 – Ağustos 2020",
                "bullets": ["Satış raporlarını otomatikleştirdi ve haftalık panoları kurdu."],
            },
        ],
        "education": [
            {
                "institution": "Orta Doğu Teknik Üniversitesi",
                "degree": "İstatistik Lisans",
                "start": "2013",
                "end": "2017",
                "dates_text": "2013 – 2017",
            }
        ],
    },
    "cv_scanned.pdf": {
        "name": "Kenji Watanabe",
        "title": "Mechanical Engineer",
        "contact": "kenji.watanabe@example.jp | Osaka, Japan",
        "skills": ["SolidWorks", "AutoCAD", "FEA", "MATLAB", "GD&T"],
        "experience": [
            {
                "employer": "Kansai Precision Works",
                "title": "Mechanical Engineer",
                "start": "2018-04",
                "end": "present",
                "dates_text": "Apr 2018 – Present",
                "bullets": ["Designed gearbox housings for industrial robots."],
            },
            {
                "employer": "Tanaka Motors",
                "title": "Design Intern",
                "start": "2017-06",
                "end": "2017-09",
                "dates_text": "Jun 2017 – Sep 2017",
                "bullets": [],
            },
        ],
        "education": [
            {
                "institution": "Osaka University",
                "degree": "BEng Mechanical Engineering",
                "start": "2014",
                "end": "2018",
                "dates_text": "2014 – 2018",
            }
        ],
    },
    "cv_encrypted.pdf": {
        "name": "Priya Raman",
        "title": "Product Manager",
        "contact": "priya.raman@example.in | Bengaluru, India",
        "skills": ["Roadmapping", "SQL", "A/B testing", "Jira", "User research", "Figma"],
        "experience": [
            {
                "employer": "Lotus Payments",
                "title": "Product Manager",
                "start": "2019-07",
                "end": "present",
                "dates_text": "Jul 2019 – Present",
                "bullets": ["Launched UPI autopay for two million merchants."],
            },
            {
                "employer": "Indigo Retail",
                "title": "Business Analyst",
                "start": "2016-08",
                "end": "2019-06",
                "dates_text": "Aug 2016 – Jun 2019",
                "bullets": ["Ran pricing experiments across 40 stores."],
            },
        ],
        "education": [
            {
                "institution": "IIM Bangalore",
                "degree": "MBA",
                "start": "2014",
                "end": "2016",
                "dates_text": "2014 – 2016",
            }
        ],
        "password": ENCRYPTED_PASSWORD,
    },
    "cv_truncated.pdf": {
        "name": "Lucas Moreau",
        "title": "DevOps Engineer",
        "contact": "lucas.moreau@example.fr | Lyon, France",
        "skills": ["Ansible", "Terraform", "GitLab CI", "Linux", "Prometheus"],
        "experience": [
            {
                "employer": "Rhône Cloud",
                "title": "DevOps Engineer",
                "start": "2019-01",
                "end": "present",
                "dates_text": "Jan 2019 – Present",
                "bullets": ["Ran 600 virtual machines with Ansible and Terraform."],
            },
            {
                "employer": "Saône Telecom",
                "title": "System Administrator",
                "start": "2015-03",
                "end": "2018-12",
                "dates_text": "Mar 2015 – Dec 2018",
                "bullets": [],
            },
        ],
        "education": [
            {
                "institution": "INSA Lyon",
                "degree": "Diplôme d'ingénieur",
                "start": "2010",
                "end": "2015",
                "dates_text": "2010 – 2015",
            }
        ],
    },
    "cv_table.docx": {
        "name": "Olumide Adeyemi",
        "title": "Frontend Developer",
        "contact": "olumide.adeyemi@example.ng | Lagos, Nigeria",
        "skills": ["TypeScript", "React", "Next.js", "GraphQL", "CSS", "Jest", "Storybook"],
        "experience": [
            {
                "employer": "Paystream",
                "title": "Frontend Developer",
                "start": "2021-01",
                "end": "present",
                "dates_text": "Jan 2021 – Present",
                "bullets": ["Rebuilt the merchant dashboard in React and TypeScript."],
            },
            {
                "employer": "Kora Digital",
                "title": "Web Developer",
                "start": "2018-05",
                "end": "2020-12",
                "dates_text": "May 2018 – Dec 2020",
                "bullets": ["Shipped 25 client sites with Next.js."],
            },
        ],
        "education": [
            {
                "institution": "University of Lagos",
                "degree": "BSc Computer Science",
                "start": "2014",
                "end": "2018",
                "dates_text": "2014 – 2018",
            }
        ],
    },
    "cv_plain.docx": {
        "name": "Zeynep Öztürk",
        "title": "UX Researcher",
        "contact": "zeynep.ozturk@example.com | İzmir, Türkiye",
        "skills": ["User interviews", "Usability testing", "Figma", "Survey design", "Dovetail",
                   "Journey mapping"],
        "experience": [
            {
                "employer": "Ege Mobil",
                "title": "UX Researcher",
                "start": "2020-02",
                "end": "present",
                "dates_text": "Feb 2020 – Present",
                "bullets": [
                    "Ran 120 user interviews that reshaped the onboarding flow.",
                    "Set up a research repository in Dovetail for three product teams.",
                ],
            },
            {
                "employer": "Kuzey Bankası",
                "title": "UX Designer",
                "start": "2017-09",
                "end": "2020-01",
                "dates_text": "Sep 2017 – Jan 2020",
                "bullets": ["Designed the mobile banking sign-up journey."],
            },
        ],
        "education": [
            {
                "institution": "Dokuz Eylül Üniversitesi",
                "degree": "BA Psychology",
                "start": "2013",
                "end": "2017",
                "dates_text": "2013 – 2017",
            }
        ],
    },
    "cv_markdown.md": {
        "name": "Tomás Rivera",
        "title": "Machine Learning Engineer",
        "contact": "tomas.rivera@example.mx | Guadalajara, Mexico",
        "skills": ["PyTorch", "Python", "MLflow", "Airflow", "GCP", "Spark"],
        "experience": [
            {
                "employer": "Jalisco AI Labs",
                "title": "Machine Learning Engineer",
                "start": "2020-06",
                "end": "present",
                "dates_text": "Jun 2020 – Present",
                "bullets": ["Trained demand models on Spark and served them with MLflow."],
            },
            {
                "employer": "Telmex Digital",
                "title": "Data Engineer",
                "start": "2017-01",
                "end": "2020-05",
                "dates_text": "Jan 2017 – May 2020",
                "bullets": ["Maintained 80 Airflow pipelines on GCP."],
            },
        ],
        "education": [
            {
                "institution": "Universidad de Guadalajara",
                "degree": "BSc Computer Engineering",
                "start": "2012",
                "end": "2016",
                "dates_text": "2012 – 2016",
            }
        ],
    },
    "cv_plain.txt": {
        "name": "Amara Nwosu",
        "title": "Registered Nurse",
        "contact": "amara.nwosu@example.ca | Toronto, Canada",
        "skills": ["Patient assessment", "Epic EHR", "IV therapy", "Triage", "BLS", "Wound care"],
        "experience": [
            {
                "employer": "St. Michael's Hospital",
                "title": "Registered Nurse",
                "start": "2019-10",
                "end": "present",
                "dates_text": "Oct 2019 – Present",
                "bullets": ["Cared for up to six patients per shift in acute medicine."],
            },
            {
                "employer": "Sunnybrook Health Sciences Centre",
                "title": "Nursing Intern",
                "start": "2018-05",
                "end": "2019-08",
                "dates_text": "May 2018 – Aug 2019",
                "bullets": [],
            },
        ],
        "education": [
            {
                "institution": "University of Toronto",
                "degree": "BScN Nursing",
                "start": "2015",
                "end": "2019",
                "dates_text": "2015 – 2019",
            }
        ],
    },
}

# How each file is meant to read: pages, or the error the reader must give.
OUTCOMES: dict[str, dict[str, Any]] = {
    "cv_single_column.pdf": {"kind": "pdf", "pages": 2},
    "cv_two_column.pdf": {"kind": "pdf", "pages": 1},
    "cv_ligatures.pdf": {"kind": "pdf", "pages": 1},
    "cv_turkish.pdf": {"kind": "pdf", "pages": 1},
    "cv_scanned.pdf": {"kind": "pdf", "pages": 1, "error": "no_text_layer"},
    "cv_encrypted.pdf": {"kind": "pdf", "pages": 1, "error_without_password": "encrypted"},
    "cv_truncated.pdf": {"kind": "pdf", "error": "truncated"},
    "cv_table.docx": {"kind": "docx", "pages": None},
    "cv_plain.docx": {"kind": "docx", "pages": None},
    "cv_markdown.md": {"kind": "md", "pages": None},
    "cv_plain.txt": {"kind": "txt", "pages": None},
}
