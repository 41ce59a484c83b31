// The emergency lexicon: symptom concepts with synonyms and paraphrase patterns (English + Spanish
// basics). Written from clinical triage guidance (the "call 911" lists of stroke FAST, heart attack,
// anaphylaxis, overdose, respiratory distress, etc.), not from any evaluation sentences.
//
// Patterns run on normalize()d text: lower case, no accents, apostrophes removed inside words
// ("can't" -> "cant", "he's" -> "hes"), single spaces, clause punctuation as separate tokens.
// Macros ({CANT}, {NOT}, {MED}, ...) are expanded by the detector. A pattern may contain its own
// negation ("not breathing"): negation triggers are only looked for *outside* a hit.
// Weights: >= 0.8 escalates alone; weaker signals need company (their weights add up).
#include "roles/safety/emergency.hpp"

namespace aurixa::safety {

using C = EmergencyCategory;

const std::vector<EmergencySignal>& emergency_lexicon() {
  static const std::vector<EmergencySignal>
      kLexicon =
          {
              // ---------------------------------------------------------------- cardiac
              {"chest_pain", C::cardiac, 1.0, kLiteral,
               R"(chest (?:pains?|pressure|tightness|heaviness|discomfort|aches?|aching|hurts?|hurting|(?:(?:is|feels?|keeps|like|its|it is|being|getting|got|so|really|very) )+(?:tight|heavy|crush\w*|squeez\w*|hurting|killing (?:me|him|her)|caving|on fire|in a vi[sc]e|in a clamp|clamped)|tight|crushing|squeezing)|(?:dolor|presion|opresion)(?: \w+){0,3} (?:de|en el|en mi|del) pecho|me duele (?:mucho )?(?:el|mi) pecho)"},
              {"clutching_chest", C::cardiac, 0.9, 0,
               R"((?:clutching|clutches|clutched|grabbing|grabbed|holding|gripping) (?:at )?(?:his|her|my|their) (?:chest|heart))"},
              {"pain_in_chest", C::cardiac, 1.0, 0,
               R"((?:pain|pressure|tightness|heaviness|squeezing|crushing|stabbing|sharp|discomfort|aching|weight) (?:in|on|across|around) (?:the |my |his |her |their )?(?:(?:middle|center|centre|left side|right side|left|right|front|top) of (?:the |my |his |her |their )?)?(?:chest|heart))"},
              {"chest_grab", C::cardiac, 1.0, 0,
               R"((?:clutch|grab|grabb|hold|held|press)\w* (?:at |onto |on )?(?:my|his|her|their) (?:chest|heart))"},
              {"chest_weight", C::cardiac, 1.0, 0,
               R"((?:elephant|weight|something|someone|a truck) (?:is )?(?:sitting|standing|pressing|pushing|squeezing|crushing|on) (?:on |down on )?(?:my|his|her) chest)"},
              {"heart_attack", C::cardiac, 1.0, kFigurable,
               R"(heart attacks?|cardiac arrest|myocardial infarction|ataque (?:al|de) corazon|infarto)"},
              {"no_pulse", C::cardiac, 1.0, 0,
               R"((?:heart|pulse|heartbeat) (?:has |just )?(?:stopped|isnt beating|is not beating|not beating)|no pulse|{CANT} (?:find|feel) (?:a |his |her |their |any )?(?:pulse|heartbeat)|no tiene pulso)"},
              {"radiating_pain", C::cardiac, 0.9, 0,
               R"((?:pain|ache|pressure|tightness)(?: \w+){0,6} (?:spread\w*|radiat\w*|going|goes|shoot\w*|moving|travel\w*) (?:down|into|to|up)(?: \w+){0,2} (?:arm|jaw|neck|shoulder|back))"},
              {"radiating_pain_es", C::cardiac, 0.9, 0,
               R"(dolor(?: \w+){0,8} (?:baja|bajando|corre|se va|sube|subiendo|se extiende|se pasa) (?:al|por el|hacia el|a la|por la|hacia la) (?:brazo|cuello|mandibula|espalda|quijada|hombro))"},
              {"arm_numb", C::cardiac, 0.5, 0,
               R"((?:arm|shoulder)s? (?:went|goes|going|is|feels|became|turned|gone|keeps) (?:numb|dead|tingly|tingling|heavy)|numb(?:ness)? (?:in|down) (?:my|his|her|the) (?:left |right )?arm)"},
              {"heart_racing", C::cardiac, 0.4, 0,
               R"(heart (?:is )?(?:racing|pounding|fluttering|skipping|beating (?:so |really |very )?(?:fast|hard))|palpitations)"},
              {"cold_sweat", C::cardiac, 0.5, 0,
               R"(cold sweats?|(?:sweating|sweaty) (?:(?:really|so|very) )?(?:a lot|heavily|buckets|profusely|like crazy|bad|badly)|clammy|drenched in sweat|broke out in (?:a )?(?:cold )?sweat)"},
              {"doom", C::cardiac, 0.5, 0,
               R"((?:feel|feels|feeling) like (?:i|im|he|she|hes|shes) (?:am |is )?(?:going to|gonna|about to) die|sense of (?:impending )?doom|impending doom)"},
              {"jaw_pain", C::cardiac, 0.3, 0, R"(jaw (?:pain|hurts|ache|aches))"},
              {"pale", C::other, 0.3, 0, R"(pale|ashen|grey skin|gray skin|palid\w*)"},

              // ---------------------------------------------------------------- stroke
              {"stroke", C::stroke, 1.0, kFigurable, R"(strokes?|derrame(?: cerebral)?|embolia|ataque cerebral)"},
              {"face_droop", C::stroke, 1.0, 0,
               R"((?:face|smile|mouth|lip|eyelid|cheek)s? (?:(?:is|are|was|looks|seems|went|has|keeps|suddenly|all|kind of|kinda|a bit|just) )*(?:drooping|droopy|droops|drooped|sagging|saggy|crooked|lopsided|uneven|paralyzed|frozen|slanted|fallen|twisted)|(?:droop|sag)\w* (?:on )?(?:one|the left|the right|left|right) side|cara (?:caida|torcida|paralizada)|boca torcida)"},
              {"half_face", C::stroke, 1.0, 0,
               R"((?:half|one side|side|left side|right side)(?: of)? (?:\w+ ){0,2}(?:face|mouth|body)(?: \w+){0,2} (?:wont|doesnt|isnt|is not|cant|will not|does not|not|stopped|is|went|feels|looks|seems)(?: \w+){0,2} (?:move|moving|work|working|numb|droop\w*|weak|paralyzed|dead|limp|sagging|heavy|frozen))"},
              {"limb_weak", C::stroke, 0.9, 0,
               R"((?:{CANT}|wont|doesnt|will not) (?:lift|raise|move|feel|use|grip|hold up|squeeze with) (?:my|his|her|their|the|either|both|one|her left|her right|his left|his right|my left|my right) (?:left |right )?(?:arms?|legs?|hands?|side|fingers|foot|feet)|no (?:puede|puedo) mover (?:el|la|mi|su) (?:brazo|pierna|mano))"},
              {"limb_sudden_weak", C::stroke, 0.6, 0,
               R"((?:arm|leg|hand|side)s? (?:(?:is|are|went|feels|feel|suddenly|just|all|so|really|got) )+(?:weak|limp|floppy|useless|paralyzed|dead))"},
              {"speech_slurred", C::stroke, 1.0, 0,
               R"(slurr\w*|(?:speech|words|talking|voice) (?:(?:is|are|was|went|came out|come out|got|became|sounds?|suddenly|all) )*(?:slurr\w*|garbled|jumbled|gibberish|mumbl\w*|nonsense|weird|wrong|strange|funny|drunk)|(?:talking|speaking) (?:funny|weird|gibberish|nonsense)|{CANT} (?:get (?:the |his |her |my )?words out|find (?:the |his |her |my )?words|form words)|habla (?:raro|arrastrando|mal)|arrastra las palabras)"},
              {"cant_speak", C::stroke, 0.6, 0,
               R"({CANT} (?:speak|talk)|trouble (?:speaking|talking)|no (?:puede|puedo) hablar)"},
              {"one_side_numb_es", C::stroke, 0.9, 0,
               R"(se (?:le|me) (?:durmio|adormecio|entumio|paralizo) (?:un lado|el lado|la mitad|medio cuerpo|la cara|media cara)|(?:un lado|la mitad) (?:del cuerpo|de la cara) (?:dormid[oa]|adormecid[oa]|paralizad[oa]|entumid[oa]))"},
              {"sudden_neuro", C::stroke, 1.0, 0,
               R"(sudden(?:ly)? (?:\w+ ){0,2}(?:numbness|numb|weakness|confusion|vision loss|loss of vision|loss of sight|blindness|blind|lost (?:my |his |her )?(?:vision|sight)|severe headache|worst headache))"},
              {"vision_loss", C::stroke, 0.7, 0,
               R"(loss of (?:vision|sight|eyesight)|(?:lost|losing|lose|no) (?:vision|sight|eyesight) (?:in|out of) (?:one|my|his|her|the) (?:left |right )?eye|(?:went|is|gone|going) blind|double vision|{CANT} see (?:out of|anything))"},
              {"worst_headache", C::stroke, 1.0, 0,
               R"(worst headache|thunderclap|headache (?:like|as if) (?:i|im|someone|i was|i got|he|she) (?:\w+ )?(?:hit|shot|kicked|exploded)|(?:sudden|explosive) (?:severe |bad |terrible )?headache)"},
              {"severe_headache", C::stroke, 0.5, 0,
               R"((?:severe|excruciating|terrible|horrible|awful|splitting|pounding|blinding) headache)"},
              {"visual_spots", C::other, 0.5, 0,
               R"(seeing (?:spots|stars|flashing lights|flashes)|(?:blurry|blurred) vision|spots in (?:my|her|his) (?:vision|eyes))"},
              {"confusion", C::unconscious, 0.5, 0,
               R"(confused|confusion|disoriented|not making (?:any )?sense|doesnt make (?:any )?sense|making no sense|incoheren\w*|(?:doesnt|does not|didnt|cant) (?:know|recognize|recognise) (?:me|us|where (?:she|he|they) (?:is|are)|who|what day)|out of it|talking nonsense|delirious|no sabe donde esta|confundid\w*|desorientad\w*)"},

              // ---------------------------------------------------------------- respiratory
              {"cant_breathe", C::respiratory, 1.0, 0,
               R"({CANT} (?:breathe|breath|breathing|catch (?:my|his|her|their|a) breath|get (?:any |enough )?(?:air|breath|a breath|oxygen))|no (?:puedo|puede|podia|pueden) respirar|le cuesta respirar|me cuesta respirar)"},
              {"not_breathing", C::respiratory, 1.0, 0,
               R"((?:{NOT}|no esta|no) (?:really |seem to be |appear to be )?(?:breathing|breathe|breath|respira|respirando)|breathing (?:has |just )?stopped|stopped breathing)"},
              {"short_of_breath", C::respiratory, 0.9, 0,
               R"(short(?:ness)? of breath|(?:trouble|difficulty|difficult|problems?|hard time|struggling|struggle|labou?red) (?:with )?breathing|(?:hard|difficult) to breathe|breathless|dificultad (?:para|al) respirar|(?:le|me) falta (?:el )?aire|falta de aire)"},
              {"gasping", C::respiratory, 1.0, 0, R"(gasp\w*|jadeando)"},
              {"out_of_breath", C::respiratory, 0.4, 0, R"(out of breath|winded)"},
              {"choking", C::respiratory, 1.0, kFigurable,
               R"(chok\w*|(?:something|food|\w+) (?:is )?(?:stuck|lodged) in (?:my|his|her|their|the) (?:throat|windpipe|airway)|atragant\w*|se (?:esta )?ahog\w*|me ahogo|ahogando\w*)"},
              {"cyanosis", C::respiratory, 1.0, 0,
               R"((?:lips|face|skin|fingers|fingertips|nails|mouth|hes|shes|he is|she is|baby is|turning|turned|going|gone|went|getting|looks|looking)(?: \w+){0,2} (?:blue|bluish|purple)|(?:lips|face|skin) (?:(?:are|is|look|looks|turned|turning|going) )?(?:gr[ae]y|dusky)|(?:blue|bluish|purple) (?:lips|face|around the (?:mouth|lips))|(?:se puso|esta|labios) (?:morad\w*|azul\w*))"},
              {"retractions", C::respiratory, 0.9, 0,
               R"((?:chest|ribs|belly|stomach|neck|skin)(?: \w+){0,3} (?:pulls?|pulling|sucks?|sucking|caves?|caving|sinks?|sinking) in|can only (?:say|speak|get out) (?:a )?(?:few|one|two|three|\d|couple(?: of)?) words|{CANT} (?:finish|complete|speak in|talk in|get out) (?:a )?(?:full |whole |complete )?sentences?)"},
              {"breathing_wrong", C::respiratory, 0.6, 0,
               R"(breath\w* (?:(?:sounds?|is|are|seems|looks|so|really|very|all) )*(?:wrong|weird|strange|funny|off|shallow|noisy|rattly|raspy|labou?red|irregular|fast|rapid|raspy)|(?:breathing|panting) (?:really |very |so )?(?:fast|hard|heavy|rapid\w*)|(?:fast|rapid|shallow|noisy|labou?red) breathing|stridor|grunting)"},
              {"pinpoint_pupils", C::overdose_poisoning, 0.5, 0,
               R"(pinpoint pupils|pupils (?:are |look |were )?(?:(?:very|really|so|super) )?(?:tiny|pinpoint|pinpoints|like pinpoints|very small))"},
              {"wheeze", C::respiratory, 0.5, 0, R"(wheez\w*|silbido)"},
              {"asthma_bad", C::respiratory, 0.8, 0,
               R"(asthma attack|(?:inhaler|nebulizer|albuterol|rescue inhaler)(?: \w+){0,3} (?:isnt|is not|not|doesnt|does not|didnt|did not|wont|aint) (?:working|help\w*|work)|(?:asthma|breathing) (?:is )?(?:so |really |very )?(?:bad|terrible|awful|severe|horrible))"},
              {"drowning", C::respiratory, 1.0, kFigurable,
               R"(drown\w*|(?:was|been|went|stayed|found|kept) (?:\w+ )?under ?water (?:for|too long)|face down in the (?:pool|water|tub|bath)|pulled (?:him|her|them|\w+) (?:out of|from) (?:the )?(?:pool|water|lake|river|ocean|sea|bath|tub)|(?:fell|fallen|found) (?:\w+ )?(?:in|into) the (?:pool|water|lake|river)|se ahogo)"},

              // ---------------------------------------------------------------- suicide / self-harm
              {"kill_self", C::suicide_self_harm, 1.0, kSelfHarm,
               R"((?:kill|killing|hurt|hurting|harm|harming|cut|cutting|shoot|shooting|stab|stabbing|hang|hanging|drown|burn|starve|starving|poison|poisoning|end|ending|off|offing) (?:myself|himself|herself|themselves|themself|my self)|self (?:harm|harming|injur\w*)|unalive|hacerme (?:dano|da\w+)|lastimarme|cortarme)"},
              {"suicide", C::suicide_self_harm, 1.0, kSelfHarm,
               R"(suicid\w*|(?:take|taking|end|ending|took) (?:my|his|her|their) (?:own )?life|end it all|ending it all|end things|ending things|quitarme la vida|quitarse la vida|acabar con (?:mi|su) vida|matarme|suicidarme|me (?:quiero|voy a|quise) matar)"},
              {"want_to_die", C::suicide_self_harm, 1.0,
               kSelfHarm, R"((?:want|wants|wanna|wanted|going|gonna|plan|plans|planning|ready|trying|tries|tried|deserve|deserves) (?:to )?(?:die|be dead|not be here|not exist|not wake up|disappear forever)|(?:dont|do not|no longer) want to (?:live|be alive|be here|exist|wake up|go on)|(?:wish|wished|wishing) (?:i|that i) (?:was|were|could be) dead|(?:wish|wished) i (?:could )?(?:die|never woke up|wasnt alive|was never born)|better off (?:dead|without me)|done (?:living|with life|being alive)|(?:nobody|no one|noone) (?:will|would|is going to|gonna) (?:even )?(?:miss|notice|care about) me|no (?:reason|point) (?:to|in) (?:live|living|go on|going on|being alive|being here)|(?:whats|what is) the point (?:of|in) (?:living|going on|being alive|staying alive)|not worth living|life (?:isnt|is not|aint) worth|(?:me )?quiero morir(?:me)?|no quiero vivir|ganas de morir)"},
              // Pills gathered to be taken at once ("I have the pills lined up and I'm going to take all of them").
              {"pills_all", C::suicide_self_harm, 1.0, kSelfHarm,
               R"((?:pills|meds|tablets|medication|medicine|bottle)(?: \w+){0,8} (?:going to|gonna|about to|ready to|want to) (?:take|swallow|down) (?:all|every one|them all|the whole bottle)|(?:going to|gonna|about to|ready to|want to) (?:take|swallow|down) (?:all|every one|the whole bottle|a whole bottle)(?: of)? (?:my |the |these |those |his |her )?(?:pills|meds|tablets|sleeping pills|medication|medicine))"},
              {"cut_wrists", C::suicide_self_harm, 1.0, kSelfHarm,
               R"((?:cut|slit|slash|slashed|cutting|slitting) (?:my|his|her|their) (?:own )?(?:wrists?|throat|veins?))"},
              {"jump_means", C::suicide_self_harm, 1.0, kSelfHarm,
               R"((?:im|i am|i will|ill|i want to|i wanna|i need to|i should|im going to|going to|gonna|about to|ready to) (?:go )?(?:jump|throw myself) (?:off|from|in front of) (?:a |the |this |that |my )?(?:bridge|building|roof|rooftop|cliff|balcony|overpass|train|car|truck|bus|window|tower|parking garage))"},
              {"means_on_self", C::suicide_self_harm, 1.0, kSelfHarm,
               R"((?:use|turn|point|put|hold|holding|pointing) (?:it|the gun|a gun|my gun|the knife|a knife|the blade|them|the pills) (?:on|against|to|at) (?:myself|my head|my chest|my throat|my wrist))"},
              {"end_it", C::suicide_self_harm, 0.5, kSelfHarm,
               R"((?:im|i am|hes|he is|shes|she is|going to|gonna|about to|ready to|want to) (?:going to |gonna )?end it(?: tonight| today| now)?\b)"},
              {"never_wake", C::suicide_self_harm, 1.0, kSelfHarm,
               R"((?:so|and) (?:that )?(?:i|he|she) (?:never|dont|wont|will never|do not|will not) wake up|never (?:to )?wake up again)"},
              {"vehicle_means", C::suicide_self_harm, 1.0, kSelfHarm,
               R"((?:going to|gonna|want to|wants to|will|would|plans? to|planning to|about to|threaten\w* to) (?:drive|crash|steer|swerve) (?:my|his|her|their|the) (?:car|truck) (?:into|off) (?:a |the )?(?:wall|tree|bridge|cliff|river|lake|truck|pole|traffic|overpass))"},
              {"want_it_to_stop", C::suicide_self_harm, 0.6, kSelfHarm,
               R"((?:want|need|wish) (?:it|everything|it all|the pain|this|all of this) (?:all )?to (?:stop|end|be over)|{CANT} (?:do this|go on|take (?:it|this)) anymore|cant go on)"},
              // A place to jump from: alone it is a view ("standing on the bridge taking photos"); with another
              // warning sign (farewell messages, a weapon) it adds up to an escalation.
              {"jump_place", C::suicide_self_harm, 0.4, kSelfHarm,
               R"((?:standing|sitting|climbed|climbing|up) (?:on|onto|at) (?:the |a |this )?(?:edge of (?:the |a )?)?(?:bridge|ledge|roof|rooftop|railing|overpass|cliff))"},
              // Hopelessness and means obtained: each alone is common ("nothing matters anymore" after a bad week,
              // a hunter's new rifle), together they are the warning signs of suicide risk screening.
              {"hopeless", C::suicide_self_harm, 0.5, kSelfHarm | kSelfHarmCompanion,
               R"(nothing (?:matters|is worth it|makes sense) (?:anymore|any more|to me)|(?:theres|there is) no (?:hope|way out|future for me|point (?:in|to) (?:anything|going on|living))(?: for me| left| anymore)?|(?:i feel|feeling|i feel so|feeling so|i am so) (?:hopeless|worthless)|(?:im|i am|i feel like|feel like) (?:such )?a burden|(?:give|gave|giving|given) up on (?:everything|life|living)|nada (?:importa|tiene sentido)|no tiene sentido (?:vivir|seguir)|sin esperanza)"},
              {"means_obtained", C::suicide_self_harm, 0.6, kSelfHarm | kSelfHarmCompanion,
               R"((?:bought|buying|got|getting|found|picked up|ordered) (?:a |some |the |myself a )?(?:rope|noose|gun|handgun|pistol|firearm|razor blades?)\b|(?:saving up|saved up|stockpiling|stockpiled|hoarding|hoarded|stashing|stashed) (?:my |his |her |all my |all of my )?(?:pills|meds|medication|medicine|sleeping pills|pain pills)|compre (?:una |un )?(?:soga|pistola|arma)|(?:guardando|juntando) (?:mis |las )?pastillas)"},
              {"suicide_means", C::suicide_self_harm, 0.6, kSelfHarm,
               R"((?:rope|noose|gun|blade|razor)(?: \w+){0,2} (?:is |are )?ready|(?:wrote|written|writing|left|leaving) (?:goodbye )?(?:letters?|notes?) (?:to|for) (?:my|his|her|their) (?:kids|children|family|wife|husband|mom|dad|parents|partner)|(?:wrote|writing|left|leaving) (?:a )?(?:suicide |goodbye )note|(?:wrote|written|writing|sent|sending|left|leaving|recorded|recording|posted|posting|made) (?:a |my )?(?:goodbye|farewell) (?:letters?|notes?|texts?|messages?|videos?|emails?|posts?)|(?:giving|gave) away (?:my|all my) (?:stuff|things|belongings)|saying goodbye to (?:everyone|everybody|my family))"},

              // ---------------------------------------------------------------- overdose / poisoning
              {"overdose", C::overdose_poisoning, 1.0, 0, R"(overdos\w*|over dos(?:e|ed|ing)|sobredosis)"},
              {"took_too_many", C::overdose_poisoning, 1.0, 0,
               R"({INGEST}(?: \w+){0,1} {AMOUNT}(?: of)?(?: (?:my|his|her|their|the|these|those|those|grandmas|grandpas|moms|dads))?(?: \w+){0,2} {MED}|(?:too many|too much|way too many|way too much) (?:of )?(?:(?:my|his|her|their|the) )?(?:\w+ ){0,2}{MED})"},
              {"whole_bottle", C::overdose_poisoning, 1.0, 0,
               R"({INGEST}(?: \w+){0,2} (?:the|a|an) (?:whole|entire|full) (?:bottle|pack|box|packet|container|jar|strip|blister pack|sheet|prescription)|everything in the (?:medicine )?(?:cabinet|cupboard|drawer)|(?:tomo|tome|se tomo|me tome|trago|se trago) (?:todas|todo el frasco|muchas|un frasco|el frasco|todo)(?: \w+){0,3} (?:pastillas|medicinas|pildoras|tabletas|frasco)?)"},
              {"got_into_meds", C::overdose_poisoning, 0.9, 0,
               R"((?:got|gotten|getting|get) into (?:my|his|her|the|their|grandmas|grandpas|moms|dads|a|some)(?: \w+)? (?:pills|meds|medicine|medication|medications|medicine cabinet|bottle|cleaning \w+|bleach|detergent|pods|edibles|gummies)|se (?:trago|tomo|comio) (?:unas|las|varias|muchas|algunas|mis|sus) (?:pastillas|pildoras|tabletas|medicinas))"},
              {"double_dose", C::overdose_poisoning, 0.4, 0,
               R"((?:double|doubled|triple|extra|second) (?:dose|doses|pill|pills|dosage)|took (?:my|his|her) (?:\w+ )?(?:pills|meds|medication|dose) twice)"},
              {"poison_ingest", C::overdose_poisoning, 1.0, 0,
               R"({INGEST}(?: \w+){0,3} (?:bleach|antifreeze|anti freeze|drain cleaner|cleaning (?:fluid|solution|product|stuff|spray)|oven cleaner|detergent|laundry pods?|tide pods?|dishwasher pods?|rat poison|poison|pesticide|insecticide|weed killer|roundup|lighter fluid|gasoline|kerosene|lamp oil|paint thinner|turpentine|windshield (?:washer )?fluid|nail polish remover|acetone|hand sanitizer|rubbing alcohol|button batter(?:y|ies)|batter(?:y|ies)|magnets?|lye|ammonia|cloro|lejia|veneno|poisonous \w+|wild mushrooms|antifreeze)|poisoned|poisoning|poisonous|envenen\w*|carbon monoxide|monoxido)"},
              {"food_poisoning", C::other, 0.2, 0, R"(food poisoning)"},
              // Smoke from a fire: alone it may be a whiff; with soot in the cough or a hoarse voice, an airway burn.
              {"smoke_inhaled", C::respiratory, 0.5, 0,
               R"((?:breathed|inhaled|breathing|inhaling|breathes|swallowed) (?:in )?(?:a lot of |lots of |too much |so much |thick |black )?smoke)"},
              {"soot_cough", C::respiratory, 0.4, 0,
               R"((?:cough\w*|spit\w*|hack\w*) (?:up )?(?:black|soot|sooty)|voice (?:is |went |got )?(?:hoarse|raspy))"},
              {"insulin_excess", C::overdose_poisoning, 0.6, 0,
               R"((?:took|taken|take|injected|gave (?:him|her|my)self|used) (?:a )?(?:double|twice|too much|extra|two doses of|a double dose of|double the|twice (?:his|her|my|the)) (?:dose (?:of )?)?(?:his |her |my |their )?(?:insulin|humalog|novolog|lantus))"},
              {"hypoglycemia", C::overdose_poisoning, 0.6, 0,
               R"((?:blood )?(?:sugar|glucose|bg|bs|meter|glucometer)(?: \w+){0,3} (?:says|reads|reading|is|was|at|of|dropped to|down to|showing|shows|only) (?:lo|low|very low|super low|really low|dangerously low|[1-4]\d|under (?:40|50|60))\b|hypoglyc\w*|low blood sugar|insulin (?:shock|reaction)|diabetic (?:coma|emergency)|azucar (?:muy )?baja)"},
              {"hyperglycemia", C::other, 0.4, 0,
               R"((?:blood )?(?:sugar|glucose|meter|glucometer|bg)(?: \w+){0,3} (?:says|reads|reading|is|was|at|of|shows|showing|over|above) (?:hi|high|very high|[4-9]\d\d|over (?:400|500|600))\b|ketoacidosis|\bdka\b|ketones? (?:are |is )?(?:high|large))"},
              {"fading", C::unconscious, 0.5, 0,
               R"((?:fading|slipping) (?:away|in and out|out)|(?:im|i am|feel like im|feel like i am) fading|(?:wont|cant|cannot|will not|can barely) stay awake|(?:very|really|so|extremely) (?:drowsy|sleepy|lethargic)|lethargic|about to pass out|(?:going|gonna) to pass out|gonna pass out|feel (?:like )?(?:i|im) (?:am )?(?:going to |gonna |about to )(?:pass out|faint))"},

              // ---------------------------------------------------------------- bleeding / trauma
              {"bleeding_heavy", C::bleeding, 1.0, 0,
               R"(bleed\w* (?:\w+ ){0,2}(?:heavily|a lot|badly|profusely|so much|too much|everywhere|like crazy|nonstop|non stop|through)|(?:heavy|heavily|severe|uncontrolled|uncontrollable|massive|profuse|serious|major) bleed\w*|(?:wont|will not|cant|doesnt|does not|can not|cannot|isnt|is not|not|couldnt) (?:stop|stopping) (?:the |this |his |her )?bleed\w*|bleed\w* (?:wont|will not|doesnt|does not|isnt|is not|not|keeps|hasnt|has not|just keeps) (?:stop\w*|slow\w*|going)|(?:a lot of|lots of|so much|too much|tons of|a ton of|pools? of|soaked (?:in|with|through with)|covered in|gushing|spurting|pumping|pouring|squirting|cups of|puddle of) blood|(?:bleeding|bled|blood|soaked|soaking) (?:right )?through (?:the |a |his |her |my |their |two |several )?(?:towels?|bandages?|gauze|shirt|dressing|cloth|rags?)|blood (?:(?:is|was) )?(?:everywhere|all over|gushing|spurting|pouring|squirting|soaking|soaked|wont stop|keeps (?:coming|pouring))|hemorrhag\w*|haemorrhag\w*|sangr\w* mucho|mucha sangre|desangr\w*|(?:la )?sangre no (?:para|paraba|se detiene|se para|deja de salir|deja de correr)|no (?:para|paraba|deja|dejaba) de sangrar|sangr\w* (?:sin parar|a chorros)|chorros? de sangre)"},
              {"soaking_pads", C::bleeding, 1.0, 0,
               R"(soak\w* (?:through )?(?:a |one |my |\d+ |two |three )?(?:pad|pads|maxi pads?|tampons?)(?: \w+){0,2} (?:every|an|a|each|per|in (?:an|one|less than an)) (?:hour|\d+ min\w*|half hour|\w+ minutes))"},
              {"blood_up", C::bleeding, 0.9, 0,
               R"((?:cough\w*|throw\w*|vomit\w*|puk\w*|spit\w*) (?:up |out )?(?:bright red |dark |a lot of |lots of |clots of |)blood|(?:vomit|throw up|puke|poop|stool|diarrhea)(?: \w+){0,2} (?:full of|with|is|was) (?:bright red |dark |)blood|coffee grounds? vomit|(?:vomit\w*|throw\w* up|threw up|puk\w*)(?: \w+){0,6} coffee grounds?|black tarry stool|vomitando sangre)"},
              {"penetrating", C::bleeding, 1.0, 0,
               R"((?:got|been|was|were|is|just|get|getting|has been|have been) (?:shot|stabbed|impaled)|(?:shot|stabbed) (?:myself|himself|herself|themselves)|gunshot|gun shot|stab wound|knife wound|shot (?:in|through) the (?:\w+)|balazo|apunal\w*|le dispararon)"},
              {"amputation", C::bleeding, 1.0, 0, R"((?:cut|chopped|sliced|ripped|torn|tore|severed)(?: \w+){0,3} (?:finger|thumb|toe|hand|foot|ear)s? (?:off|clean off)|(?:finger|thumb|toe|hand)s? (?:was |got |is )?(?:cut|chopped|sliced|ripped|torn) off|(?:finger|thumb|toe|hand|foot|ear)s? (?:is|are|was|were|got|came|come|has come) (?:cut |chopped |ripped |torn |sliced |clean )?off|amputat\w*|severed)"},
              {"deep_wound", C::bleeding, 0.6, 0,
               R"((?:deep|big|huge|large|gaping|bad) (?:cut|gash|wound|laceration)|gash|(?:bone|fat|tendon) (?:is )?(?:showing|visible|exposed)|can see (?:the )?(?:bone|fat))"},
              {"bleeding", C::bleeding, 0.4, 0, R"(bleed\w*|bled|blood|sangr\w*)"},
              {"vehicle_trauma", C::other, 1.0, 0,
               R"((?:hit|struck|run over|ran over|knocked down|knocked over) by (?:a |an |the )?(?:car|truck|bus|vehicle|train|motorcycle|van|suv)|(?:car|motorcycle|bike|motorbike|bicycle|truck|auto|head on) (?:accident|crash|wreck|collision)|atropell\w*|accidente de (?:carro|coche|auto|moto))"},
              {"major_trauma", C::other, 0.9, 0,
               R"((?:fell|fallen|falling|fall) (?:about |over |like )?(?:\d+|ten|twenty|thirty|two|three|four|five) (?:feet|foot|ft|meters|metres|stories|storeys|floors)|fell (?:off|from|down|out of) (?:a |an |the |his |her |my )?(?:roof|ladder|balcony|building|window|cliff|tree|horse|flight of stairs|second floor|2nd floor|bunk bed|scaffold\w*)|(?:neck|spinal|spine) injur\w*|(?:bone|it) (?:is )?(?:sticking|poking|coming) (?:out|through)|broken (?:neck|back|spine)|{CANT} (?:feel|move) (?:my|his|her|their) (?:legs|feet|body)|impaled|crushed (?:under|by)|electrocut\w*|struck by lightning|descarga electrica)"},
              {"deformity", C::other, 0.6, 0,
               R"((?:hip|leg|arm|wrist|ankle|knee|shoulder|elbow)s? (?:is |are |looks |was )?(?:bent|twisted|turned|pointing|facing) (?:weird\w*|wrong|the wrong way|backwards|sideways|at a weird angle)|(?:hip|leg|arm|wrist|ankle|knee|shoulder)s? (?:is |looks )?deformed)"},
              {"fall_cant_get_up", C::other, 0.5, 0, R"((?:fell|fallen|fall)(?: \w+){0,8} (?:{CANT}|wont|cannot) (?:get up|stand|walk|move))"},
              {"electric_shock", C::other, 0.6, 0, R"(electric(?:al)? shock|power line|shocked by)"},
              {"head_injury", C::other, 0.5, 0,
               R"(hit (?:his|her|my|their) head|head (?:injury|trauma)|(?:fell|fall) and hit|golpe en la cabeza|se (?:golpeo|pego|dio) (?:un golpe )?(?:en )?la cabeza)"},
              // After a blow to the head, vomiting, confusion or drowsiness is a red flag (head-injury triage): the
              // two together escalate. Only joining words may stand between them, so "hit his head but he isn't
              // vomiting" does not match.
              {"head_injury_red_flag", C::other, 1.0, 0,
               R"((?:hit|bumped|banged|struck|golpeo|pego|dio|golpe en)(?: \w+){0,3} (?:head|cabeza)(?: (?:on|against|in|en|contra) (?:the|a|el|la|una|un) \w+)?(?: (?:and|now|then|is|are|keeps|kept|started|has|he|she|hes|shes|they|been|very|really|so|still|also|y|ahora|esta|sigue|se|le|ha|muy))* (?:vomit\w*|throw\w* up|threw up|puk\w*|confus\w*|confundid\w*|drowsy|sleepy|wont wake|somnolient\w*|dormid\w*|no despierta))"},

              // ---------------------------------------------------------------- obstetric, pain, fever (other)
              {"pregnant", C::other, 0.4, 0, R"(pregnan\w*|embarazada|\d+ weeks along|expecting a baby)"},
              {"labor", C::other, 0.9, 0,
               R"((?:baby|head) is (?:coming|crowning)|(?:water|waters) (?:just )?(?:broke|broken|breaking)|(?:in|going into) (?:active |preterm |premature )?labou?r|contractions? (?:are |every )?(?:\d+|one|two|three|four|five) (?:minutes?|min) apart|(?:baby|babys) (?:isnt|is not|not|stopped|hasnt|has not) (?:moving|kicking)|(?:cant|cannot|dont) feel (?:the )?baby (?:move|moving|kick\w*)|rompio (?:la )?fuente)"},
              {"severe_pain", C::other, 0.5, 0,
               R"((?:severe|excruciating|unbearable|worst|intense|terrible|horrible|extreme|crippling|agonizing|awful|really bad|very bad) (?:\w+ ){0,2}(?:pain|cramp\w*|ache)|(?:pain|hurts?) (?:is )?(?:so bad|unbearable|excruciating|10 out of 10|ten out of ten)|{CANT} (?:stand|walk|move) (?:because of|from|due to) (?:the )?pain|dolor (?:muy )?(?:fuerte|intenso|terrible))"},
              {"fever_hot", C::other, 0.4, 0,
               R"(burning (?:hot|up)|hot to the touch|fever of 10[3-9]|10[4-9] (?:degrees?|fever)|high fever|fiebre (?:muy )?alta)"},
              {"infant_fever", C::other, 0.8, 0,
               // A fever is 100.4 F / 38 C; Celsius readings and Spanish ages ("bebé de 3 semanas") too.
               R"((?:newborn|\d+ (?:day|week)s? old|(?:one|two|three|four|five|six) (?:day|week)s? old|(?:1|2|one|two) months? old|recien nacid[oa]|(?:bebe|nene|nena|nino|nina|hij[oa]) de (?:\d+ dias?|(?:[1-9]|1[0-2]|una|dos|tres|cuatro|cinco|seis) semanas?|(?:un|1) mes|(?:dos|2) meses))(?: [\w.]+){0,4} (?:fever|fiebre|calentura|temp\w* (?:of |is |at |de )?(?:10\d|3[89](?:[.,]\d)?|4[0-2](?:[.,]\d)?)))"},
              {"stiff_neck", C::other, 0.4, 0,
               R"(stiff neck|neck (?:is |feels |got |so |very |really )*stiff|{CANT} (?:bend|touch|put) (?:my|his|her|their) (?:neck|chin)(?: \w+){0,3} (?:chest|down))"},
              {"fever_stiff_neck", C::other, 0.9, 0,
               R"((?:fever|febrile|temperature|temp)(?: \w+){0,6} stiff neck|stiff neck(?: \w+){0,6} (?:fever|febrile|temperature|temp))"},
              {"non_blanching_rash", C::other, 0.6, 0,
               R"((?:rash|spots|blotches)(?: \w+){0,3} (?:doesnt|does not|dont|do not|wont|will not|didnt|did not|isnt|not) (?:fade|go away|disappear|blanch|turn white)|(?:purple|dark red) (?:rash|spots|blotches)|petechia\w*|purpura)"},
              {"not_sweating", C::other, 0.5, 0, R"((?:not|isnt|stopped|no longer|hasnt been|doesnt) sweat\w*)"},
              {"heat_exposure", C::other, 0.3, 0,
               R"((?:in|out in|from|with) the (?:heat|sun)|heat wave|hot car|sauna)"},
              {"heat_stroke", C::other, 1.0, 0, R"(heat ?stroke|sun ?stroke|golpe de calor)"},
              {"snake_bite", C::other, 1.0, 0,
               R"(snake ?bites?|(?:bit|bitten|struck|stung) by (?:a |an )?(?:\w+ )?(?:snake|rattlesnake|rattler|copperhead|cottonmouth|viper|black widow|brown recluse|scorpion)|rattlesnake|mordedura de (?:serpiente|vibora)|me mordio una (?:serpiente|vibora))"},
              {"sepsis", C::other, 0.8, 0, R"(sepsis|septic|meningitis|ectopic)"},
              {"dizzy", C::other, 0.4, 0,
               R"(dizz\w*|lightheaded|light headed|feel faint|feeling faint|mareado|mareada|vertigo)"},
              {"call_911", C::other, 0.6, 0, R"(\b911\b|(?:need|send|get|call|calling) (?:an |the )?ambulance|ambulancia|(?:im|i am|hes|he is|shes|she is|were|we are) dying|(?:he|she|they) (?:is|are|might be|could be) dying|life or death)"},

              // ---------------------------------------------------------------- allergic
              {"anaphylaxis", C::allergic, 1.0, 0,
               R"(anaphyla\w*|(?:severe|serious|bad|major|full blown|massive) allergic reaction|allergic shock|choque anafilactico|reaccion alergica (?:grave|severa|fuerte))"},
              {"airway_swelling", C::allergic, 1.0, 0,
               R"((?:throat|tongue|lips?|mouth|airway|garganta|lengua|labios)(?:(?: and|,| or)(?: my| his| her| their)? (?:throat|tongue|lips?|mouth|face|eyes?))* (?:(?:is|are|feels|feel|keeps|started|starting|getting|got|just|suddenly|really|all|so|very|kind of) )*(?:swell\w*|swollen|puff\w* up|puffy|closing\w*|tight\w*|hinchad\w*|cerrando)|(?:swelling|hinchazon) (?:of|in) (?:the |my |his |her )?(?:throat|tongue|lips|mouth)|se (?:me |le )?(?:esta )?(?:cerrando|hinchando) la (?:garganta|lengua))"},
              {"face_swelling", C::allergic, 0.5, 0,
               R"((?:face|eyes?|eyelids?|cara)(?: \w+){0,2} (?:swell\w*|swollen|puff\w* up|hinchad\w*)|swelling (?:fast|quickly|rapidly|up fast))"},
              {"epinephrine_used", C::allergic, 0.9, 0,
               R"((?:used|gave|give|giving|had to use|needed to use|need to use|jabbed|injected|stabbed)(?: \w+){0,2} (?:epipen|epi pen|epinephrine|auvi q|adrenaline)|(?:epipen|epi pen) (?:didnt|did not|isnt|not|doesnt) (?:work|help))"},
              {"allergen_exposure", C::allergic, 0.4, 0,
               R"(stung|(?:bee|wasp|hornet|yellow jacket|jellyfish|scorpion) sting|(?:ate|eaten|eating|had|tried) (?:a |some )?(?:\w+ )?(?:peanuts?|tree nuts|nuts|shellfish|shrimp|crab|lobster|sesame)|(?:new|first dose of (?:a |the |my )?|started (?:a |the |my )?)(?:medication|medicine|antibiotic|drug|pill|prescription)|picadura|me pico)"},
              {"hives", C::allergic, 0.4, 0, R"(hives|welts|urticaria|ronchas)"},
              {"allergic_reaction", C::allergic, 0.5, 0,
               R"(allergic reaction|(?:having|have|had) a reaction|reaccion alergica)"},

              // ---------------------------------------------------------------- unconscious / collapse
              {"unconscious", C::unconscious, 1.0, 0,
               R"(unconscious|unresponsive|inconsciente|out cold|lost consciousness|(?:wont|will not|doesnt|does not|didnt|did not|cant|cannot|can not|isnt|is not|not|couldnt|could not) (?:wake|waking|come to|rouse)(?: \w+)?(?: up)?|{CANT} (?:wake|rouse) (?:\w+ ){0,2}(?:up)?|no (?:despierta|responde|reacciona|se despierta)|perdio el conocimiento)"},
              {"fainted", C::unconscious, 0.8, 0,
               R"((?:passed|blacked|knocked) out|faint(?:ed|ing)|se desmay\w*|desmayad\w*)"},
              {"not_responding", C::unconscious, 0.9, 0,
               R"((?:{NOT}|no longer|cant|is barely) (?:responding|respond|responsive|reacting|react)(?: to (?:me|us|anything|anyone|his name|her name|voice|touch))?|(?:no|not any) (?:response|reaction) (?:from|when))"},
              {"not_moving", C::unconscious, 0.6, 0,
               R"((?:{NOT}|no longer|barely) (?:moving|move|answering|answer (?:me|us|the door))|(?:no se mueve|no contesta))"},
              {"collapse", C::unconscious, 0.8, 0,
               R"(collaps\w*|(?:fell|dropped|fallen|crumpled|slumped|keeled) (?:over |down )?(?:on|to|onto) the (?:floor|ground)|(?:dropped|keeled) over|found (?:\w+ ){0,3}(?:on the floor|on the ground|passed out|lying there)|se (?:cayo|desplomo) (?:al suelo|en el piso))"},
              {"slumped", C::unconscious, 0.6, 0,
               R"(slump\w*|limp|floppy|lifeless|eyes (?:rolled|rolling) back|no reacciona bien)"},

              // ---------------------------------------------------------------- seizure
              {"seizure", C::seizure, 1.0, 0,
               R"(seizure|seizures|seizing|convuls\w*|epileptic (?:fit|attack)|(?:shaking|jerking|twitching) (?:all over|uncontrollabl\w*|violently)|ataque epileptico|crisis convulsiva|convulsion\w*|convulsionando)"},
              {"fit", C::seizure, 0.8, kFigurable, R"((?:having|had|has|in|threw) (?:a |an )?fits?)"},

              // ---------------------------------------------------------------- burns
              {"burn_severe", C::burn, 1.0, 0,
               R"((?:severe|bad|serious|major|deep|huge|large|big|third degree|3rd degree|second degree|2nd degree|chemical|electrical|acid) burns?|(?:badly|severely|seriously|horribly|terribly) (?:burn(?:ed|t)|scalded)|blister\w* (?:badly|all over|everywhere)|burn(?:ed|t|s)? (?:all over|over (?:his|her|my|their|the) (?:whole |entire )?(?:body|face|chest|back|arms?|legs?))|(?:scald\w*|burn(?:ed|t)?) (?:my|his|her|their) (?:whole|entire)|(?:skin|it)(?: \w+){0,2} (?:is |are )?(?:peeling|coming|falling|sloughing|hanging) off|on fire|caught fire|clothes? (?:caught|on) fire|set (?:him|her|himself|herself) on fire|(?:charred|blackened) skin|quemadura (?:grave|severa|grande|profunda)|se quemo (?:todo|toda)|ampollas (?:en todo|en toda|por todo|por toda|grandes|enormes)|(?:la )?piel se (?:le )?(?:esta )?(?:cayendo|despegando|pelando))"},
              {"scald_spill", C::burn, 0.5, 0,
               R"((?:boiling|scalding|hot) (?:\w+ )?(?:water|oil|soup|tea|coffee|grease)(?: \w+){0,3} (?:on|onto|over|all over) (?:him|her|himself|herself|myself|me|them|themselves|his|her|my))"},
              // A pot or kettle's worth of boiling liquid over the body is a large burn, worse on a child.
              {"scald_spill_es", C::burn, 0.5, 0,
               R"((?:agua|aceite|cafe|sopa|leche|te) (?:hirviendo|muy caliente)(?: \w+){0,4} (?:encima|sobre|en (?:el|la|su|mi|los|las)))"},
              {"scald_large", C::burn, 0.9, 0,
               R"((?:pot|pan|saucepan|kettle|bowl|pitcher) of (?:boiling|scalding|hot) (?:\w+ )?(?:water|oil|soup|grease|liquid)(?: \w+){0,3} (?:on|onto|over|all over|down)|(?:boiling|scalding) (?:\w+ )?(?:water|oil|grease)(?: \w+){0,3} (?:on|onto|over|all over|down) (?:his|her|my|their) (?:chest|face|body|back|legs?|arms?|stomach|belly|neck|head))"},
              {"burn", C::burn, 0.3, 0, R"(burn(?:ed|t|s|ing)?|scald\w*|blister\w*|quem\w*)"},
          };
  return kLexicon;
}

}  // namespace aurixa::safety
