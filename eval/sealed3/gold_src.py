import json
P=["Armenia","Azerbaijan"]
BORDER="Armenia-Azerbaijan border"
BALT=["Armenian-Azerbaijani border","border",None]
def T(venue,date,status,mediator,note,round=None,alt=None,optional=False):
    d={"venue":venue,"alt_venues":alt or [],"date":date,"status":status,"mediator":mediator,"parties":P,"note":note}
    if round: d["round"]=round
    if optional: d["optional"]=True
    return d
def E(s,t,alt=None):
    d={"sentence":s,"type":t}
    if alt: d["alt_types"]=alt
    return d
G=[]
G.append({"doc_id":"401_armenpress_almaty_agreed","published":"2024-05-01","published_tolerance_days":0,
 "actors":{"required":["Kassym-Jomart Tokayev","Kazakhstan","Armenia","Azerbaijan","Ararat Mirzoyan","Jeyhun Bayramov"],
  "allowed":["Armenpress","Akorda","Ministry of Foreign Affairs of Kazakhstan","Nikol Pashinyan","Annalena Baerbock","Germany","Mher Grigoryan","Shahin Mustafayev","Ministry of Foreign Affairs of Armenia","Tavush residents"]},
 "venues":{"required":["Almaty"],"allowed":["Berlin","Yerevan","Armenia-Azerbaijan border","Tavush","Gazakh","Kazakhstan"]},
 "talks":[T("Almaty","2024-05","planned",["Kazakhstan",None],"FM talks agreed in Almaty, date to be announced","2024-05-10 Almaty ministers",["Kazakhstan"]),
  T("Berlin","2024-02-28","held",["Germany",None],"FM talks in Berlin Feb 28-29 opened by Baerbock","2024-02-28 Berlin ministers",["Germany"]),
  T(BORDER,"2024-04-19","held",None,"border commissions met on the border on April 19","2024-04-19 border commission",BALT)],
 "events":[E("Kazakhstan's President Kassym-Jomart Tokayev has welcomed the consent of","statement"),
  E("The talks between Foreign Minister Ararat Mirzoyan and his Azerbaijani","statement"),
  E("Tokayev described the choice of venue as symbolic, recalling that","statement"),
  E("During his official visit to Yerevan in mid-April, Tokayev had","statement",["meeting"]),
  E("Kazakh officials have stressed since then that Astana offers only","statement"),
  E("On April 19 the commissions chaired by Deputy Prime Ministers","agreement",["statement"]),
 ],
 "no_events_after":"Related: Pashinyan receives delegation"})
G.append({"doc_id":"402_kazinform_almaty_talks_open","published":"2024-05-10","published_tolerance_days":0,
 "actors":{"required":["Jeyhun Bayramov","Ararat Mirzoyan","Murat Nurtleu","Azerbaijan","Armenia","Kazakhstan"],
  "allowed":["Kassym-Jomart Tokayev","Maria Zakharova","Russia","Ministry of Foreign Affairs of Russia","Ministry of Foreign Affairs of Kazakhstan","Kazinform","Aigerim Sarsenbayeva","OSCE","Uzbekistan"]},
 "venues":{"required":["Almaty"],"allowed":["Berlin","Kazakhstan","Astana","Tashkent"]},
 "talks":[T("Almaty","2024-05-10","held",["Kazakhstan",None],"FM talks began at House of Friendship, Kazakhstan providing good offices","2024-05-10 Almaty ministers",["Kazakhstan"]),
  T("Berlin",None,"held",["Germany",None],"delegations last met more than two months ago in Berlin","2024-02-28 Berlin ministers",["Germany"]),
  T("Armenia-Azerbaijan border","2024-04-19","held",None,"protocol signed on April 19 - commission meeting implied, venue not given","2024-04-19 border commission",BALT,optional=True)],
 "events":[E("Kazakh Foreign Minister Murat Nurtleu greeted the two delegations before","meeting",["statement"]),
  E("Addressing his guests, Nurtleu said Kazakhstan would conscientiously fulfil the","statement"),
  E("Bayramov thanked President Kassym-Jomart Tokayev personally for the initiative.","statement"),
  E("He recalled that the delegations had last sat at the","statement"),
  E("The Azerbaijani minister singled out the protocol signed on April","statement"),
  E("Mirzoyan, in turn, pointed out that the Alma-Ata Declaration of","statement"),
  E("According to him, the parties should not limit themselves to","statement"),
  E("The ministers will not hold a joint press conference, the","statement"),
  E("Earlier, Russian Foreign Ministry spokeswoman Maria Zakharova said Moscow welcomed","statement")],
 "no_events_after":"Tags: Kazakhstan, Azerbaijan, Armenia, Diplomacy"})
G.append({"doc_id":"403_tass_sochi_trilateral","published":"2022-10-31","published_tolerance_days":0,
 "actors":{"required":["Vladimir Putin","Ilham Aliyev","Nikol Pashinyan","Russia","Azerbaijan","Armenia"],
  "allowed":["Kremlin","Dmitry Peskov","TASS","Charles Michel","Emmanuel Macron","European Union","France","European Council","UN"]},
 "venues":{"required":["Sochi"],"allowed":["Brussels","Prague","Moscow"]},
 "talks":[T("Sochi","2022-10-31","held","Russia","Putin-Aliyev-Pashinyan trilateral in Sochi, joint statement","2022-10-31 Sochi leaders",["Russia"]),
  T("Sochi","2021-11","held","Russia","previous summit in this format in Sochi, November 2021","2021-11-26 Sochi leaders",["Russia"]),
  T("Brussels",None,"held","European Union","met several times in Brussels under Michel",None,optional=True),
  T("Prague","2022-10","held",["European Union","France"],"Prague in early October with Michel and Macron","2022-10-06 Prague leaders",["Czech Republic"])],
 "events":[E("Russian President Vladimir Putin, Azerbaijani President Ilham Aliyev and Armenian","agreement"),
  E("According to the document, the sides agreed to refrain from","agreement"),
  E("The leaders also confirmed their commitment to strict implementation of","statement",["agreement"]),
  E("Putin opened the meeting by saying that the situation in","statement"),
  E("He also noted that the trilateral working group on the","statement"),
  E("The trilateral format was followed by separate bilateral conversations of","meeting"),
  E("Asked by reporters whether the parties had come closer to","statement"),
  E("Pashinyan told journalists after the talks that not all of","statement"),
  E("Aliyev, for his part, spoke of a useful exchange and","statement")]})
G.append({"doc_id":"404_apa_brussels_meeting_off","published":"2022-11-25","published_tolerance_days":0,
 "actors":{"required":["Ilham Aliyev","Azerbaijan","Armenia","Hikmet Hajiyev","Charles Michel","Emmanuel Macron","France"],
  "allowed":["European Council","European Union","French Senate","Antony Blinken","United States","Vahan Hunanyan","Ministry of Foreign Affairs of Armenia","Nikol Pashinyan","APN","Ministry of Foreign Affairs of Azerbaijan","Jeyhun Bayramov","Türkiye","U.S. Congress"]},
 "venues":{"required":["Brussels"],"allowed":["Baku","Prague","Washington"]},
 "talks":[T("Brussels","2022-12-07","cancelled",["European Union","France"],"Aliyev: Dec 7 Brussels meeting will not take place","2022-12-07 Brussels leaders"),
  T("Prague","2022-10-06","held",["European Union","France"],"four-party meeting in Prague on Oct 6","2022-10-06 Prague leaders",["Czech Republic"]),
  T("Washington","2022-11-07","held","United States","FMs met in Washington Nov 7 at Blinken's invitation","2022-11-07 Washington ministers",["United States"])],
 "events":[E("The head of state made the remarks on Friday while","statement"),
  E("According to the President, his foreign policy aide Hikmet Hajiyev","statement",["call"]),
  E("Ilham Aliyev said this condition meant that the meeting would","statement",["refusal"]),
  E("He accused Paris of taking an openly anti-Azerbaijani position, citing","accusation",["statement"]),
  E("He added that Baku would look at alternatives and see","statement"),
  E("The President recalled that on October 6 in Prague, at","statement"),
  E("He also noted that the foreign ministers of the two","statement"),
  E("Later in the day, Armenian Foreign Ministry spokesman Vahan Hunanyan","statement")],
 "no_events_after":"Share: Facebook | X | Telegram | WhatsApp"})
G.append({"doc_id":"405_azatutyun_prague_summit","published":"2022-10-07","published_tolerance_days":0,
 "actors":{"required":["Nikol Pashinyan","Ilham Aliyev","Emmanuel Macron","Charles Michel","European Union","Armenia","Azerbaijan","France"],
  "allowed":["European Political Community","European Council","Armen Petrossian","EU civilian mission","UN","border commissions"]},
 "venues":{"required":["Prague"],"allowed":["Brussels","Geneva","Czech Republic"]},
 "talks":[T("Prague","2022-10-06","held",["European Union","France"],"four-way talks Thursday night in Prague, EPC sidelines","2022-10-06 Prague leaders",["Czech Republic"]),
  T("Brussels","2022-10","planned","European Union","border commissions to meet in Brussels by end of October","2022-11-03 Brussels commission"),
  T("Brussels","2022-08-31","held","European Union","leaders met in Brussels on August 31","2022-08-31 Brussels leaders"),
  T("Geneva","2022-10-02","held",None,"FMs held talks in Geneva on Sunday","2022-10-02 Geneva ministers",["Switzerland"])],
 "events":[E("Prime Minister Nikol Pashinian and Azerbaijani President Ilham Aliyev agreed","agreement"),
  E("According to a joint statement released by the EU, Armenia","agreement"),
  E("The two leaders also confirmed their commitment to the UN","statement",["agreement"]),
  E("They also agreed that the border commissions would meet in","agreement",["statement"]),
  E("Pashinian's office described the meeting as lengthy and substantive","statement"),
  E("Azerbaijani forces captured further chunks of Armenian territory during","military_action")]})
