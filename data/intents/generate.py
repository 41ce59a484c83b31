#!/usr/bin/env python3
"""Generates data/intents/train.jsonl: the intent classifier's training set.

Hand-written free-form messages (HAND below) plus template x slot-filler combinations (TEMPLATES), then
light noise (lower-casing, dropped punctuation, typos, politeness wrappers) so the model sees the variety
patients write. Written for this project; nothing is copied from ../shared/eval (the evaluation set).
Deterministic: `python3 data/intents/generate.py > data/intents/train.jsonl`.

The label "_continuation" marks bare replies that only make sense inside a task ("yes", "thursday at 3",
"the morning one"); the classifier maps them to the dialogue's pending intent (see classifier.cpp).
"""
import json
import os
import random
import sys

rng = random.Random(20261125)

DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "tomorrow", "next week",
        "this friday", "next monday", "the 14th", "march 3rd", "june 12", "the 21st", "later this week",
        "sometime next week", "the end of the month", "wed", "thurs", "this afternoon", "today", "10/18",
        "early next month", "the day after tomorrow", "next tuesday", "this coming thursday"]
TIMES = ["in the morning", "in the afternoon", "at 9am", "at 3:30 pm", "after 5", "around lunchtime",
         "first thing", "at 10", "at 2 pm", "late afternoon", "before noon", "at 8:15", "in the evening",
         "at 4", "early"]
PROVIDERS = ["dr. patel", "dr kim", "doctor nguyen", "dr. okafor", "my pcp", "the dermatologist",
             "nurse practitioner hayes", "dr. alvarez", "dr goldberg", "the pediatrician", "dr. chen",
             "my regular doctor", "the foot doctor", "dr. o'brien", "dr morales", "the cardiologist",
             "dr. singh", "a female doctor", "the nurse practitioner", "dr. whitfield", "the eye doctor"]
REASONS = ["a physical", "a flu shot", "a sore throat", "a rash", "back pain", "a follow up", "my annual checkup",
           "an ear infection", "a diabetes check", "a well child visit", "a pap smear", "a sports physical",
           "a mole check", "knee pain", "a cough that won't quit", "my blood pressure", "a tetanus shot",
           "a uti", "migraines", "allergies", "a med review", "pink eye", "a wellness visit", "my thyroid",
           "a school physical", "heartburn", "a covid booster", "stitches removal", "a prenatal visit",
           "a skin tag", "anxiety", "a dot physical", "a sinus infection", "my annual physical"]
WHO = ["my son", "my daughter", "my husband", "my wife", "my mom", "my dad", "my grandson", "my baby",
       "my 6 year old", "my elderly mother", "my teenager", "my partner"]
MEDS = ["lisinopril", "metformin", "atorvastatin", "my albuterol inhaler", "sertraline", "levothyroxine",
        "amlodipine", "omeprazole", "my blood pressure pills", "my epipen", "insulin", "my birth control",
        "adderall", "gabapentin", "losartan", "my cholesterol medicine", "synthroid", "prednisone",
        "my inhaler", "zoloft", "lexapro", "my allergy pills", "flonase", "my water pill", "eliquis",
        "my thyroid meds", "montelukast", "my diabetes medication", "trazodone", "my heart medication",
        "citalopram", "escitalopram", "lamotrigine", "warfarin", "hydrochlorothiazide", "simvastatin",
        "my antidepressant", "buspirone", "my seizure medication", "pantoprazole", "my nebulizer solution",
        "my migraine medicine", "spironolactone", "my anxiety medication", "ozempic", "jardiance"]
PHARMACIES = ["cvs", "walgreens", "the rite aid on 5th", "walmart pharmacy", "my mail order pharmacy",
              "the kroger pharmacy", "costco", "a different pharmacy", "express scripts"]
INSURERS = ["aetna", "blue cross", "blue shield", "cigna", "united healthcare", "medicare", "medicaid", "humana",
            "kaiser", "tricare", "an hmo plan", "my ppo", "ambetter", "molina", "oscar", "bcbs",
            "medicare advantage", "the state plan", "anthem", "my employer's plan", "wellcare"]
SERVICES = ["physical therapy", "a colonoscopy", "an mri", "telehealth visits", "mental health counseling",
            "the flu shot", "allergy testing", "a sleep study", "birth control", "an annual physical",
            "lab work", "a mammogram", "hearing aids", "chiropractic care", "weight loss visits",
            "vaccines", "x-rays", "a dermatology visit", "covid testing", "an ultrasound", "nutrition counseling"]
TESTS = ["blood work", "cholesterol panel", "a1c", "mri", "x-ray", "ct scan", "biopsy", "pap smear results",
         "urine test", "covid test", "thyroid panel", "mammogram", "ultrasound", "strep test", "labs",
         "bloodwork", "ekg", "stool sample", "culture", "pregnancy test", "allergy panel", "vitamin d level",
         "psa", "bone density scan", "cbc", "liver panel", "sleep study"]
SYMPTOMS = ["a headache", "a runny nose", "a mild fever", "a sore throat", "a cough", "itchy eyes", "heartburn",
            "trouble sleeping", "a rash on my arm", "constipation", "back pain", "a stuffy nose",
            "a sprained ankle", "dry skin", "cold sores", "leg cramps", "an earache", "nausea", "diarrhea"]
AMOUNTS = ["$45", "$120", "$230.50", "$80", "300 dollars", "$1,200", "$65", "$15", "$400"]
PLACES = ["paris", "chicago", "tokyo", "miami", "denver", "london", "seattle", "cancun", "new york", "rome"]

# ----------------------------------------------------------------------------------------------------------
# Hand-written messages. Keep adding hard cases here rather than more templates.
HAND = {
"smalltalk": """
hi
hello there
hey, good morning
good afternoon!
hiya
morning :)
hi, how are you today?
how's it going
hey bot
yo
thanks!
thank you so much, that was really helpful
ok thanks
great, thanks a lot
thx
ty!!
appreciate it
you've been very helpful, bless you
bye
goodbye
see ya
have a nice day
talk to you later
that's all i needed, thanks
no that's everything, have a good one
ok cool
awesome
perfect thank you
lol ok
nice to meet you
are you a robot?
who am i talking to
what's your name
how are you doing
good evening, dear
hello, is anybody there?
hi!! 😊
just saying hi
you're the best
sorry, never mind
nevermind
oops wrong button
hello? testing
cheers
many thanks, young lady
have a blessed day
good night
thanks again for your help earlier
wonderful, thank you kindly
hey hey
sup
alright bye
ok that's it
great job
much appreciated
hola
buenos días
gracias
muchas gracias, adiós
hasta luego
that's all for now
thank u
tysm
kk thanks
howdy
greetings
hello, i'm new here
are you a real person or a computer
i just wanted to say thank you to the staff, everyone was so kind
merry christmas to everyone at the office
happy new year!
how is your day going
you too
same to you
thanks, you too
""",
"book_appointment": """
i need an appointment
can i get an appointment please
i'd like to schedule a visit
book me in with dr patel
i want to see a doctor
need to see someone about my knee
i'd like to come in this week, please book me
i'd like to make an appointment for my son
could you please schedule me for a physical
i need to get in for a checkup
set me up with the dermatologist
i want to book a telehealth visit
can i make a video appointment
get me on the calendar for thursday
sign me up for a flu shot
i'm a new patient and want to establish care
my daughter needs a sports physical before the season, can we book one
i'd like to come in about this rash
please book an appointment with my regular doctor
i would like to arrange a consultation
i need to schedule my annual wellness exam
appointment for tomorrow please
book appt
need appt asap for sore throat
i want to be seen tomorrow morning if possible
can you put me down for the 9 am slot on friday
i'll take the 2:30 with dr kim
grab me that tuesday opening please
hi i need to schedule my baby's 6 month checkup
hello, my name is margaret and i would very much like to see the doctor regarding my hip, whenever is convenient
i want an appointment but not on mondays
can i see a nurse about my blood pressure
i need a follow up visit after my er trip last week
the hospital told me to follow up with my primary care doctor within a week, can i book that
i want to book a covid vaccine
schedule a pap smear for me
im trying to book a physical for work
pls book me with anyone available friday
need to come in for stitches removal next week
my mother needs an appointment, she is 84 and has been dizzy on and off
could i get in to see dr. alvarez about my cholesterol
i'd love to set up a visit with a dietitian
book a well child check for my twins
i need an appointment to get my ears cleaned
can you schedule me an in person visit
i want to come in person not video
i need to see the doctor for a refill visit, they said i have to be seen first
looking to schedule a consult for a vasectomy
i need a prenatal appointment, i just found out i'm pregnant
want to book my kid in for shots
my throat has been sore for a week and i'd like to come in
can i book an appointment online through you
sign me up to see someone about my anxiety
i'd like an appointment for a mole that changed color
necesito una cita con el doctor
quiero hacer una cita para mi hija
¿me puede dar una cita para el martes?
quisiera agendar una consulta
necesito cita para un chequeo general
put me down for next available with any provider
schedule me please
i wanna book
book it
get me in today please
hi, i need a same day appointment for my son's ear, he's been tugging at it all night
set up an appointment with dr singh for my diabetes
i'm due for my yearly physical, can we schedule it
i need to schedule a follow up for my blood pressure check and also ask if you take aetna
could you book me in and also send me directions
id like to make an apointment
i need a apointment for my back
can i shedule a visit
wanna make an appt w dr chen
i'm hoping to set something up with a doctor, my feet have been bothering me for months
my pcp retired and i need to see someone new
""",
"reschedule_appointment": """
i need to reschedule my appointment
can i move my appointment to next week
something came up, can we push my visit to friday
i can't make it tuesday, can we do wednesday instead
please change my appointment time
i'd like to switch my appointment to the afternoon
can we do a later time
can i change my visit from in person to video
i need to move my son's checkup
reschedule please
move my appt
need to change my appt to a different day
my car broke down, can i come in later today instead
can i bump my appointment back an hour
can we move it up? i'd like to come in sooner
i have a work conflict, is it possible to shift my appointment to thursday
is there any way to change my friday visit to monday
could you kindly rearrange my appointment, dear, i have a hair appointment that day
need to push back my physical
i want to change the date of my appointment
please reschedule my follow up with dr kim
i have to reschedule, my kid is sick
can i swap my 9am for something in the afternoon
change my appointment with dr patel to the 21st
i double booked myself, need a new time for my visit
can i move tomorrow's appointment to next week sometime
i'd like to change my appointment to a different doctor on the same day
my flight got changed so i need to reschedule my annual exam
the snow is bad, can we reschedule to another day
can i postpone my appointment
postpone my visit to next month
i'll be out of town, please move my appointment
necesito cambiar mi cita para el jueves
¿puedo mover mi cita a otro día?
quiero reprogramar mi cita
rescedule my apointment pls
can u move my appt to 3
i cant come at 10 can it be 11 instead
i won't make my appointment thursday but i still want to come in, maybe saturday?
instead of canceling can we just find another day
please don't cancel, just move it to next week
can we change my telehealth to an office visit on the same day
i need to rebook my appointment for a later date
rebook me for next friday
my appointment is at a bad time, can i change it
reschedule my mom's visit to the morning, she doesn't drive after dark
i got called into work, can we do my visit another day this week
switch my appt from wed to fri
can my appointment be moved earlier in the day
push my appointment by a week please
""",
"cancel_appointment": """
i need to cancel my appointment
please cancel my visit tomorrow
cancel my appt
i won't be able to make it, please cancel
i'd like to cancel my appointment with dr patel
cancel my son's appointment on friday
i feel better now so i don't need the appointment anymore
please take me off the schedule for thursday
i need to cancel and i'll call back later to rebook
scratch my appointment next week
i can't come in, cancel it
cancel everything for me this week
i want to cancel my physical
no longer need my follow up, please cancel
my mother passed away, please cancel her upcoming appointments
cancel the telehealth visit please
can you cancel my 3pm
i'm switching doctors so please cancel my upcoming visits
i got sick with covid, cancel my appointment
how do i cancel my appointment
is there a fee if i cancel today? if not please cancel it
cancel my appointment and i'll reschedule later on my own
go ahead and cancel the friday one
drop my appointment for tomorrow
i won't be coming tomorrow
not coming to my appointment
cancelar mi cita por favor
necesito cancelar la cita de mañana
quiero cancelar mi cita del viernes
cancle my appointment
plz cancle appt
i have to call off my visit
please remove my appointment from the calendar
i'd like to cancel, i found a doctor closer to home
we moved out of state, cancel all future appointments
don't need the appointment thursday anymore thanks
my insurance lapsed so i need to cancel my visit
i'll skip my appointment this time, please cancel it
can you cancel my dad's appointment, he's in the hospital
i want to cancel not reschedule
cancel my lab appointment
i'm not going to make my 9 o'clock, just cancel it please
cancel my visit, something came up and i don't know when i'll be free
""",
"list_appointments": """
when is my next appointment
do i have any appointments coming up
what time is my appointment tomorrow
what day is my appointment with dr kim
can you remind me when my visit is
i forgot when my appointment is
show me my upcoming appointments
list my appointments
when is my son's next checkup
who is my appointment with on friday
is my appointment tomorrow in person or video
where is my appointment, which office
did i have an appointment last week
when was my last visit
what appointments do i have this month
am i still scheduled for thursday
can you confirm my appointment for monday
is my appointment still on
did my appointment get booked
is my appointment confirmed
what doctor am i seeing next week
how many appointments do i have left this month
when does my physical therapy start
do i have something scheduled with the dermatologist
what time do i need to be there tomorrow
my appointment, is it at 2 or 3
i think i have an appointment soon but not sure when
remind me about my upcoming visits
did i miss an appointment
what time was my mom's appointment again
is my telehealth link for today's appointment ready, what time is it
when did i last see dr patel
check my appointments
any appointments scheduled for me
whens my appt
when is my appt tmrw
¿cuándo es mi próxima cita?
¿a qué hora es mi cita mañana?
quiero ver mis citas
do i have an appointment with dr chen or was that cancelled
is my daughter's appointment on the 14th or the 15th
what's on my calendar with you guys
can you tell me the details of my next visit
which location is my appointment at on thursday
is my visit next week virtual
what's the date of my follow up
do i have any upcoming labs or appointments booked
""",
"check_availability": """
do you have any openings tomorrow
what times are available on friday
is dr patel available next week
when is the soonest i can be seen
how soon can i get in
any availability this afternoon
do you have weekend appointments available
what's the next available appointment
are there any open slots with dr kim
how far out are you booking for new patients
is anyone available today
can i be seen today
do you have anything earlier
is there a morning slot on thursday
are you taking new patients right now
any cancellations this week i could grab
what does dr chen's schedule look like
when does the dermatologist have openings
i'm just checking what's open next week, not booking yet
how long is the wait to see a doctor
how long is the wait for a physical
are there evening hours available with any provider
do any doctors have openings on saturday
is there availability for a video visit tonight
what days does dr okafor work
is the pediatrician seeing patients this week
are there any same day appointments
earliest appointment for a new patient?
openings next week?
any slots tmrw
do u have anything open friday
¿tienen citas disponibles mañana?
¿hay espacio esta semana?
¿cuándo hay citas con la doctora?
i'd like to know the available times before i decide
just want to see what's available, i'll book later
can you check if dr alvarez has anything in the morning
what's the first opening with a female doctor
do you have availability for a flu shot today
when could my daughter be seen for a sports physical
is there a slot before 8am for working people
what times does the nurse practitioner have free
how booked up are you next week
when's the next opening for a telehealth
is there any chance of getting in before friday
""",
"prescription_refill": """
i need a refill
can i get a refill on my lisinopril
please refill my metformin
i'm almost out of my blood pressure meds
i need my prescription renewed
can you send a refill to cvs
refill my inhaler please
can the doctor renew my prescription
my prescription ran out yesterday
i need more of my cholesterol medicine
please call in my refill to walgreens
transfer my prescription to a different pharmacy and refill it
i'm out of refills, can dr patel authorize more
can i get a 90 day supply instead of 30
can you send my prescription to the mail order pharmacy
refill request for my son's adhd medication
i need my epipen refilled before school starts
running low on insulin
i lost my pills on vacation, can i get a replacement refill
the pharmacy says they need approval from my doctor for the refill
i need my birth control renewed
renew rx
refill pls
rx refill
need meds refilled
out of my meds
can you refill my mom's heart medication, she has two days left
the pharmacy hasn't received my refill request, can you resend it
my refill was denied, can you send it again
i need a new prescription for my glasses... no i mean my eye drops refill
could you please renew my thyroid medication, dear
refill of zoloft please
can i get my sertraline refilled early, i'm traveling
necesito una receta nueva para mi presión
¿pueden renovar mi receta?
necesito surtir mi medicamento
quiero un refill de mi metformina
i need a refil on my inhailer
refil my presciption
can my prescription be sent to the costco pharmacy and filled
i need more test strips for my glucose meter
i need my medication refilled but my doctor is on vacation
i need a refill and also when is my next appointment
has my refill been approved yet
what's the status of my refill request
""",
"insurance_coverage": """
do you take my insurance
do you accept blue cross
is aetna in network
are you in network with cigna
does my insurance cover this visit
will medicare cover my physical
is a colonoscopy covered under my plan
what's my copay for a specialist visit
how much is my copay
have i met my deductible
do i need a referral to see a specialist with my plan
does my plan require prior authorization for an mri
is telehealth covered by my insurance
do you accept medicaid
can you check my eligibility
i got new insurance, do you take it
i'm switching to united healthcare next month, will i still be able to come here
is physical therapy covered
will my insurance pay for the flu shot
do you take tricare
what plans do you accept
are you in my network
does insurance cover birth control here
i don't have insurance, what are my options
do you take self pay patients
is my insurance still active with you
do i need pre authorization for the sleep study
how many therapy sessions does my plan cover
is the covid test covered
is mental health counseling covered by humana
my insurance changed, here's my new card, are you in network
does my hmo need a referral from my pcp
will i owe anything for a preventive visit
is a well woman exam fully covered
are lab tests covered by medicare part b
does medicare advantage work at your clinic
¿aceptan mi seguro?
¿aceptan medicaid?
¿mi seguro cubre la consulta?
do you guys take kaiser
u take bcbs?
does my insurence cover an mri
is an ultrasound covered by my insurance or will i have to pay
will my plan cover a second opinion
what's covered under my plan for vaccines
do i need a referral to see the dermatologist, i have an hmo
what is my coinsurance for an x-ray
my insurance denied prior authorization, what does that mean for my mri
""",
"billing": """
i have a question about my bill
why did i get charged for this
i was billed twice for the same visit
how much do i owe
what's my balance
can i pay my bill online
i want to make a payment
can i set up a payment plan
i got a bill in the mail i don't understand
i need a receipt for my last payment
can i get an itemized statement
i think there's a mistake on my statement
i'd like a refund, i overpaid
when will my refund be processed
my bill went to collections, what do i do
do you offer financial assistance
can i apply for charity care
can i pay with a credit card over the phone
what is this charge for
why is my bill so high
i was charged a no show fee but i called to cancel
the insurance paid but you still billed me
my statement says i owe $120, can you explain
i need to update my billing address
can i pay in installments
is there a discount if i pay in full
who do i talk to about a bill
i received a bill for a visit i never had
how do i dispute a charge
can you send me a copy of my bill
i paid already, why am i getting another statement
what payment methods do you accept
do you take hsa cards
can i use my fsa card to pay
i need an invoice for my records
i lost my job and can't pay my bill right now
my account shows a past due balance
why did my copay get charged again
please explain the facility fee on my bill
¿cuánto debo?
tengo una pregunta sobre mi factura
¿puedo pagar mi cuenta en línea?
quiero hacer un pago
my bil is wrong
how much do i owe u guys
pay bill
balance?
i need help with a payment, the website won't take my card
the billing is a mess, i was charged for labs that insurance should have covered
my insurance says they paid the claim but your office sent me a bill, which is right
""",
"lab_results": """
are my lab results back
can i see my blood test results
did my test results come in
what did my mri show
when will my results be ready
i'm waiting on my biopsy results
can you tell me my cholesterol numbers
what were my a1c results
any news on my x-ray
has the doctor reviewed my labs
i got a notification about new results, what do they mean
my results say high, should i be worried about my results
can someone explain my lab report
i haven't heard anything about my ultrasound
are my covid test results in
what was my potassium level
did my pap smear come back normal
i need a copy of my lab results
how long do blood test results take
is my urine culture back
when can i expect my mammogram results
the portal shows abnormal results, can someone call me
my thyroid panel results, are they normal
were my son's strep test results positive
i had blood drawn monday, any results yet
what did the ct scan find
results?
labs back yet?
any word on my bloodwork
did my biopsy come back
my psa result
can i get my vitamin d level from last week
¿ya están mis resultados?
¿ya llegaron los resultados de mis análisis?
quiero saber el resultado de mi examen de sangre
did my reslts come in
my blood wrk results pls
i'm nervous about my biopsy, any update
can the nurse go over my ekg results with me
what did the doctor say about my scan
is my pregnancy test result back
my test came back positive, what does that mean for me
""",
"clinic_info": """
what are your hours
when do you open
are you open on saturday
what time do you close today
where are you located
what's your address
how do i get to the clinic
is there parking
do you have free parking
what's your phone number
what's your fax number
what's the email for the office
do you offer x-rays on site
do you have a lab on site
do you do vaccines
do you see children
do you have spanish speaking staff
do you offer interpreters
is the building wheelchair accessible
is there an elevator
what's your cancellation policy
how do i request my medical records
how do i get a copy of my records sent to another doctor
what should i bring to my first visit
do you have a patient portal
how do i sign up for the portal
are you open on holidays
are you open on thanksgiving
do you have urgent care hours
which bus goes to your office
is there a pharmacy in the building
do you offer telehealth
what services do you offer
do you do physical therapy there
do you have a dermatologist
do you treat adults and kids
what is your late arrival policy
can i bring my dog
is masking required in the office
how early should i arrive
what forms do i need to fill out
do you have a location downtown
how many locations do you have
¿cuál es su horario?
¿dónde están ubicados?
¿tienen estacionamiento?
¿hay intérprete de español?
what r ur hours
hours today?
address pls
where do i park
is the north entrance open on weekends
do you have a walk in clinic
""",
"medical_question": """
is it safe to take ibuprofen with my blood pressure medicine
how long does the flu last
what are the symptoms of strep throat
can i take tylenol and advil together
how much water should i drink a day
is it normal to feel tired after a vaccine
what foods lower cholesterol
should i be worried about a mole that itches
how do i know if i have a sinus infection
can i exercise with a cold
what's a normal blood pressure
is a fever of 100.4 high for a toddler
how long is someone contagious with covid
what are the side effects of metformin
can i drink alcohol on antibiotics
how do i treat a sunburn
is it bad to crack your knuckles
how much sleep does a teenager need
my toddler has a runny nose, should i worry
i have a mild headache, what can i take
what's the difference between a cold and the flu
can stress cause chest tightness
what helps with heartburn at night
is it safe to get a flu shot while pregnant
how often should i get a mammogram
what are the warning signs of diabetes
what does a high a1c mean in general
what are the risk factors for a stroke
what are the signs of a heart attack
how do i use an epipen
when should someone go to the er for a headache
i had a heart attack five years ago, should i take aspirin daily
my dad had a stroke in 2019, is that hereditary
no chest pain or trouble breathing, just a stuffy nose for a week, what should i do
i'm not bleeding anymore but my cut looks red, is that infection
what's good for a sore throat
why do my knees ache when it rains
does vitamin c help with colds
how can i lower my blood sugar naturally
i feel dizzy when i stand up fast, is that normal
is it ok to take melatonin every night
my kid swallowed a small amount of toothpaste, is that harmful
can i take my medication on an empty stomach
what's the best way to quit smoking
how much ibuprofen can i take in a day
is a rash after amoxicillin an allergy
¿qué puedo tomar para el dolor de cabeza?
¿es normal tener fiebre después de la vacuna?
¿cuánto tiempo dura la gripe?
wat helps a cough
can u take advil w tylenol
is it normal for my period to be late
what should my blood sugar be after eating
how long should i wait to shower after getting a tattoo, asking for my own health
should i ice or heat a sprained ankle
i have a sore throat and mild cough, no fever, is it viral
""",
"emergency": """
i think i'm having a heart attack
my chest hurts really bad and my left arm is numb
my husband collapsed and isn't breathing
call 911 my mom isn't responding
i can't breathe
my throat is closing up after eating peanuts
my son swallowed a bunch of pills
i took too many pills
i want to kill myself
i'm going to end my life tonight
there's so much blood and it won't stop
my wife's face is drooping and she can't talk right
my baby is turning blue
my dad is having a seizure right now
i cut my hand badly and it's spurting blood
my friend overdosed and is barely breathing
my daughter is choking and can't breathe
i'm pregnant and bleeding heavily
i was in a car accident and my head is bleeding
i got stung by a bee and my face is swelling, hard to breathe
i have crushing chest pressure and i'm sweating
my sugar is 35 and i'm shaking and confused
my grandpa fell and hit his head, now he's unconscious
someone here is unresponsive
i just got bit by a rattlesnake
my son burned himself badly with boiling water, the skin is peeling off
i can't feel the left side of my body
help my husband isn't waking up
i drank bleach
i swallowed a battery
she's not breathing please help
the worst headache of my life just hit me out of nowhere and i'm throwing up
i'm having a severe allergic reaction
my heart is racing and i'm about to pass out
i'm coughing up blood right now
my water broke and the baby is coming
he's having a stroke i think
i have a gun and i don't want to be here anymore
my daughter fell from the second floor and isn't moving
there's a man here who was stabbed
my mom's lips are blue and she's gasping
ayuda, mi esposo no respira
mi hijo está convulsionando
me duele mucho el pecho y no puedo respirar
emergency!!
help help chest pain
cant breathe
i think i'm dying
my kid ate something and his lips are swelling and he's wheezing
my father can't lift his arm and his speech is slurred since 10 minutes ago
i've been vomiting blood
""",
"human_handoff": """
i want to talk to a real person
can i speak to a human
let me talk to someone
transfer me to the front desk
can a nurse call me back
i need to speak with a nurse
connect me with an agent
operator
representative
agent please
get me a human
can someone call me
please have the office call me
i'd rather talk to a person
can i talk to the doctor directly
i want to speak with the billing office person
i'd like to speak to a manager
this bot isn't helping, give me a person
can i get a callback
i need to talk to staff about something private
is there a real person i can chat with
put me through to reception
can the front desk give me a ring
i want a human being please
speak to representative
talk to nurse
can i speak with someone in scheduling, a person please
i'm old and don't like computers, can someone just phone me
please have someone from the office contact me today
i need to talk to someone about my mother's care
quiero hablar con una persona
¿puedo hablar con alguien de la oficina?
necesito hablar con una enfermera
talk to a humn
can i tlk to a real person
i don't want a robot, i want a nurse
call me back please
who can i speak to on the phone
could a member of staff reach out to me, i have a complicated question
ask the nurse to call me about my results
i need someone from billing to call me
""",
"out_of_scope": """
what's the weather tomorrow
will it rain this weekend
who won the game last night
what's the score of the lakers game
tell me a joke
tell me something funny
how do i write a for loop in python
fix my javascript code
what's 17 times 23
book me a hotel in chicago
find me a cheap flight to miami
what's a good restaurant nearby
order me a pizza
what's the capital of france
who is the president
play some music
set an alarm for 7am
what's my bank balance
transfer money to my savings account
how do i reset my wifi router
what movies are playing tonight
recommend a good book
how tall is the eiffel tower
translate hello into french
what's the stock price of apple
can you help me with my homework
write me a poem about cats
what time is it in tokyo
how do i change a tire
when is the next full moon
what's the best phone to buy
how do i bake sourdough bread
is it going to snow
who sings this song
what's bitcoin worth today
rent a car for me
i need a plumber
how do i file my taxes
where can i buy concert tickets
what's the meaning of life
do you like pizza
how many miles to the moon
help me plan my vacation to hawaii
what are the lottery numbers
track my amazon package
my car is making a weird noise
how do i cook rice
what's the wifi password at the airport
find me a dog groomer
how do i get rid of ants in my kitchen
explain quantum physics
recommend a netflix show
who won the world cup
can you write a cover letter for me
what's the best credit card for travel points
book a table for two at 7
schedule a meeting with my boss
cancel my gym membership
reschedule my flight
cancel my netflix subscription
what's my credit score
pay my electric bill
refill my car's oil, where should i go
where's the nearest gas station
¿qué tiempo hará mañana?
cuéntame un chiste
¿quién ganó el partido?
asdfgh
.
???
how do i unclog a drain
can you do my math homework
whats the nba score
reserve a hotel room near the beach
""",
"_continuation": """
yes
yes please
yeah
yep
sure
ok
okay that works
that works
sounds good
perfect, that one
no
no thanks
nope
not that one
the other one
the first one
the second one
the morning one
the afternoon one
the earlier one
the later one
the 9am
the 3 o'clock
either is fine
whichever is sooner
thursday
friday works
monday at 10
tomorrow
next tuesday
the 14th
3pm
10:30
morning please
afternoon
anytime after 2
dr patel
with dr kim
doctor nguyen please
any doctor is fine
the nurse practitioner
the downtown office
video
in person
telehealth is fine
cvs on main street
walgreens
my usual pharmacy
the one on elm
yes that's right
correct
confirm
go ahead
do it
yes book it
yes cancel it
yes move it
that's the one
sí
si por favor
no gracias
el martes
el lunes en la mañana
sí, a las 3
i guess so
maybe the later one
actually no
hmm wednesday maybe
not friday, monday
the one with dr chen
yes, for my son
it's for me
for my daughter
lisinopril
the blood pressure one
all of them
just the first one
earliest possible
as soon as possible
whatever you have
same time next week
""",
}


# More hand-written lines, added after the first evaluation round (general phrasings, not eval sentences).
EXTRA = {
"book_appointment": """
i'd like to set up a consultation with a specialist
can you find me a time to come in for my shoulder
please arrange a visit with the nutritionist
i need to get in somewhere this week for my cough, whatever you have
make a booking for me with the physical therapist
i want to schedule a session with the counselor
book my annual mammogram
can i reserve a spot for the flu clinic
i need a checkup for school forms
put me on the schedule for a blood pressure check
i'd like a new patient appointment
can you get me in to see somebody about my sleep problems
schedule an eye exam for me
my daughter needs her shots before kindergarten, please book them
i'd like to come in for a second opinion
set up an appointment for my husband with dr. chen, he's diabetic
i want to be seen for a lump in my breast, can you book something
""",
"reschedule_appointment": """
i need another time for my session with the therapist
the time you gave me doesn't work, can we find a different one
can we do the same day but later
i have a conflict with my appointment, what else do you have
shift my checkup to after the holidays
please move my booking to a later date
could you find me a new slot for my consultation, i can't do the current one
i'd like to cancel and rebook for another day
can you cancel my tuesday and put me in thursday instead
my babysitter fell through, can we move my visit
i'm stuck in traffic, can i come in at a later slot today
""",
"cancel_appointment": """
how do i cancel online
get rid of my appointment on the 22nd
i don't need my booking anymore, please remove it
delete my appointment for next week
please call off the consultation
cancel booking number 4471
i'm cancelling my therapy session this week
we won't need the visit for my son anymore, he's fine now
void my appointment please
remove me from friday's schedule
i have to drop out of my appointment tomorrow, cancel it
""",
"list_appointments": """
anything on the calendar for me soon
am i booked for anything next month
what's coming up for me
have i got any visits scheduled
do i have a checkup scheduled this year
when am i supposed to come in next
did you book me for the 12th or was it the 13th
tell me what appointments i have
i need the time and place of my next visit
can you look up my appointment, i lost the reminder card
is my husband's appointment tomorrow or friday
what time did i book for my son
¿tengo alguna cita la próxima semana?
¿con quién es mi cita?
¿mi cita es en persona o por video?
""",
"check_availability": """
can i get in tomorrow morning?
could i be seen before noon?
can i come in later today?
is there a chance to get in this week
are there any openings in the evening
what slots are free next week
show me free times with dr. patel
any free slots on saturday morning
what's your first available
do you have room for a walk in today
how quickly can a new patient get an appointment
what is the wait time for a specialist referral appointment
is there an earlier appointment than the one i have
do you have anything sooner than next month
¿tienen algo disponible en la tarde?
""",
"prescription_refill": """
my rx for lamotrigine is about to run out
my escitalopram is almost gone
i only have 3 pills left of my blood thinner
the bottle says no refills left, can you help
my pharmacy needs a new script for my levothyroxine
i need my prescription sent over again
can i get my meds renewed without coming in
please extend my prescription for another 6 months
renew my citalopram, the pharmacy is waiting
need more of my anxiety meds
send the script for my inhaler to the pharmacy by my house
""",
"insurance_coverage": """
does my plan cover a visit to the dermatologist
is my new insurance card going to work here
what's the out of pocket cost for an mri with my plan
how much does my plan pay for physical therapy
are you an in network provider for my employer plan
does my insurance need a referral for the cardiologist
can you verify my insurance before my visit
i'm on medicare, is my annual wellness visit free
does medicaid cover dental here
will my high deductible plan cover labs
""",
"billing": """
where do i mail a check for my bill
what's the address to send a payment
can i pay by check
do you accept payment by phone
why did i get billed for a telehealth call
why am i being charged for a portal message
i was charged for a form the doctor filled out, why
i want to know why my account has a credit
my card was charged but the balance didn't go down
the amount on my statement doesn't match my eob
can i get a payment extension
i need a superbill for my insurance
can you waive the late fee
what's the charge for a missed appointment, i got billed
i'm being charged for something insurance should cover
""",
"lab_results": """
my blood sugar test from last week, what was the number
any word on the results of my scan
the lab said they sent my results to the doctor, has she seen them
is my iron level okay from the blood work
did anything come back abnormal on my labs
my kid's blood test, is it back yet
can you read me my cholesterol numbers from yesterday
i got my results in the portal but i don't understand them
has the pathology report come back
""",
"clinic_info": """
what are your holiday hours
what's the closest bus stop to your clinic
is there valet parking
do you validate parking
how do i send you my records from my old doctor
do you have a fax number for records
what languages do your doctors speak
do you offer sign language interpreters
do you do sports physicals at your clinic
do you have a women's health department
what's your policy on late cancellations
can i get my vaccination records
how do i update my address and phone number with you
do you have a drive through flu clinic
""",
"medical_question": """
what's a good diet for high cholesterol
what foods should i avoid with gout
what should i eat when i have diarrhea
is coffee bad for high blood pressure
how much fiber should i eat
what are the symptoms of low iron
is it normal to have a headache after a covid shot
can you get the flu twice in one season
what's the best sleeping position for back pain
how do i know if my child is dehydrated
what does cholesterol do in the body
what causes acid reflux
are eggs healthy for diabetics
how long should a cough last after a cold
can anxiety cause stomach aches
what exercises help with knee arthritis
do i need a tetanus shot after stepping on a nail
""",
"emergency": """
my chest feels like an elephant is sitting on it
i think my dad is having a stroke, his words are coming out wrong
my toddler got into the medicine cabinet and swallowed some pills
i'm bleeding through towels and it won't stop
my wife passed out and isn't waking up
my son can't breathe, his lips are swelling from the bee sting
i took all my sleeping pills
i'm standing on the bridge and going to jump
""",
"human_handoff": """
is there a nurse i can chat with right now
i need a real human, not an automated system
transfer me to a live person please
could you get a staff member on the line
have someone from your office phone me this afternoon
i want to talk to the scheduler directly
can i leave a message for the doctor
""",
"smalltalk": """
okay, thank you dear
you're very kind
this is so helpful thanks
good to know, thanks
hello again
i'm back
thanks, that's all for today
bye bye
what's up
wassup
yo what's good
farewell
salutations
""",
}



# A third batch: more voices and vocabulary per intent (written fresh, not from any evaluation file).
EXTRA2 = {
"smalltalk": """
hi, hope you're having a lovely day
top of the morning to you
hello from a grumpy old man
how are things on your end
thank you, you made this easy
thanks so much, have a wonderful evening
that's very kind of you, goodbye dear
ok bye!!
ttyl
later!
catch you later
you're welcome
no problem
happy friday!
good to hear from you
well thank you very much young man
lovely, cheers
hey, it's me again
""",
"book_appointment": """
could you fit me in for a visit about my blood sugar
i'd like to see the doctor about my hearing
i need to have my moles checked, can you schedule that
my wife wants to come in for her annual exam, please set it up
can you get me an appointment for a tdap shot
book a physical for my 15 year old
i'd like to schedule a consult about birth control options
want an appointment to discuss my test results with the doctor
i need to come in about my cholesterol medication, book me
schedule a telemedicine appointment with dr. morales
please make an appointment for my grandmother, she needs her ears checked
i am looking to get a check up, earliest you've got is fine
can i get an appointment for a std test
i need to get my iud checked, book me in
reserve a time for my son's asthma follow up
i'd like to be seen for a second time about my shoulder, new appointment please
get me booked with dr singh next week
hola, quiero una cita con la doctora para mi hijo
i need a visit to get a work note, can you book it
""",
"reschedule_appointment": """
my appointment is on the same day as my daughter's recital, can we move it
could we do my visit a week later
i need to move my colonoscopy prep consult to another day
something came up at work, what else do you have for my checkup
please reschedule me, i'll take any day next week
can i change my visit to a video call at the same time
i overslept, can i come in later instead
i need a new date for my annual, the current one won't work
change tomorrow's appointment to friday morning please
reschedule the kids' appointments to after school
can i trade my monday slot for a wednesday one
my ride cancelled on me, can we move my appointment to thursday
i'd like to move my physical to the next available saturday
¿me puede cambiar la cita al lunes?
""",
"cancel_appointment": """
i need to cancel, my husband is sick and i can't leave him
please cancel tomorrow's visit, my insurance hasn't kicked in
cancel the appointment for my daughter on monday
i'd like to cancel my annual physical for now
cancel everything i have booked with dr kim
i won't be needing the follow up after all
we're cancelling the consultation, thank you
can you please cancel my telehealth visit this afternoon
cancel my 8am, i'll call to book another time
the doctor already saw me at urgent care so cancel my visit
please take my appointment off, i'm traveling
cancela mi cita del martes
""",
"list_appointments": """
when do i come back to see the doctor
what was the date of my last physical
do i have an upcoming visit with the cardiologist
what's the time of my blood draw appointment
is there anything on the books for my son
what time is my appointment, i forgot to write it down
are we still on for my follow up friday
can you tell me who my appointment is with
did my appointment get moved
remind me what time i'm supposed to be there
what appointments do i have after this one
is my appointment at the main office or the satellite clinic
""",
"check_availability": """
are there openings in the next couple of days
when does the clinic have free times for a physical
what's the next opening with a female provider
could someone see me today for a sore throat
do you have availability on tuesdays in general
what's the soonest time to see dr chen
how soon can my daughter see the pediatrician
is there an opening after work hours
are there any telehealth slots this evening
when is the next available with the nurse practitioner
is dr kim's schedule full this week
can i walk in today or do you have openings
""",
"prescription_refill": """
please renew my meds for another 90 days
i need refills on all my medications
my insulin pens are almost gone
can i get a refill on my son's inhaler for school
i need my prescription transferred to cvs and filled there
need my blood thinner refilled
could you renew the prescription for my ointment
my glasses prescription... no, my metformin prescription needs to be renewed
refill my wife's thyroid pills please
i'm out of my antibiotics and still sick, can i get more
the refill on my patch expired, can the doctor send a new one
please send a new rx for my allergy spray
""",
"insurance_coverage": """
is a physical covered once a year under my plan
what does my insurance cover for prenatal care
are you participating providers for cigna
i have medicaid through the state, can i be seen there
will my plan cover the shingles vaccine
does my insurance include telehealth at no cost
is there a copay for lab work with my plan
what's my deductible status
do i need prior approval for a colonoscopy
are out of network visits covered at all
do you accept tricare prime
does my plan cover counseling sessions
""",
"billing": """
i want to pay what i owe
can you tell me my account balance
i received two bills for one visit
i need my payment history for taxes
the charge on my card is different from my statement
why do i owe money if insurance covered it
can i get a discount for paying cash
please send me an updated statement
i'd like to set up autopay
my bill says final notice, what do i do
can i talk about reducing my bill, i'm on a fixed income
i need a refund, i paid my copay twice
""",
"lab_results": """
what did my blood work show
is my a1c lower than last time
has my mammogram been read
did the doctor look at my urinalysis
i'm anxious to hear about my scan results
are my thyroid numbers normal now
what was my white blood cell count
when will the biopsy be back
my daughter's strep test, was it positive
did my stool test come back okay
""",
"clinic_info": """
what time does the front desk open
do you have a location in the north side
what's your policy on bringing kids to appointments
is your office closed on mondays
how do i get there by train
do you have a lab where i can get blood drawn
can i get a flu shot without an appointment
do you provide translation services
what's your mailing address
how do i access my records online
where do i check in when i arrive
do you accept walk ins
""",
"medical_question": """
is it safe to exercise while pregnant
what are the early signs of diabetes
how much vitamin d should an adult take
can i give my baby tylenol for teething
why do i get headaches in the afternoon
how long does a sprained ankle take to heal
should i take my blood pressure pill at night or morning
what is a normal cholesterol level
can a sinus infection go away on its own
are there side effects of the shingles shot
how often should adults get a tetanus booster
what should i do for a bee sting that itches
is a low grade fever normal after surgery
what's the difference between an allergy and a cold
""",
"emergency": """
my mother is confused and can't speak suddenly
my son is unconscious after falling off his bike
i think i'm overdosing
i'm having the worst chest pain of my life
my dad stopped breathing
my baby is not waking up
my wife is having a seizure and won't stop shaking
someone collapsed in our waiting room at home and isn't breathing
""",
"human_handoff": """
i want to speak to your office staff
please give me a human to talk to
can i talk to the practice manager
have a nurse call me as soon as possible
i need a call from the office about my referral
can someone from scheduling phone me
can i speak to the doctor on call
connect me with patient services
""",
}



# Idioms and question shapes that a word-overlap model misses (fourth batch).
EXTRA3 = {
"list_appointments": """
what's on my schedule with the clinic
what does my schedule with you look like
when do i need to show up for my visit
what time am i expected tomorrow
what time should i get there for my son's checkup
remind me of my schedule for next week
is there a visit on my schedule for the 2nd
have you got me down for thursday
am i on the books for next month
when should my wife arrive for her appointment
""",
"check_availability": """
could you squeeze me in this week?
can the doctor fit me in today?
how busy is the schedule next week
is the doctor booked up for the month
is tuesday afternoon an option
would friday morning be possible at all
what are my options for next week
do you have any room on the schedule tomorrow
how full is dr kim's calendar
are there times open before the holidays
""",
"book_appointment": """
squeeze me in with whoever is free, i need to be seen
fit me in tomorrow please, i'll take anything
i'd like to lock in the 10am on monday
go ahead and schedule me for the first opening
""",
"cancel_appointment": """
nix my appointment on tuesday
please axe my 2pm tomorrow
forget my appointment next week, i won't come
cancel my spot tomorrow
""",
"reschedule_appointment": """
my schedule changed, i need a different time for my appointment
can i come the following week instead of this one
i have a conflict with my visit, can we find another time
""",
"clinic_info": """
what's the clinic's phone number
what's the best way to reach the office
is there a ramp or elevator for my walker
what days are you closed
what are the weekend hours
where's the entrance for the lab
""",
"medical_question": """
what's the right dose of children's tylenol for a 30 pound kid
what's the recommended amount of exercise per week
what's a normal resting heart rate
what's the best thing for a cold sore
what's the safest pain reliever during pregnancy
what's considered a fever in adults
""",
"billing": """
where do i send my payment
what's the mailing address for payments
what's this charge from last month
what's my current balance
""",
"human_handoff": """
is there a real person i can talk to
are any staff available to chat
is someone from the office available to call me
""",
}

# Spanish (about 5-8% of the set overall), written for this project.
# Getting ready for a visit, test or procedure, and the practicalities of coming in (fasting, what to bring or
# wear, arrival, companions, duration, entrances, samples): what the clinic's instructions answer. Without these
# the model sent such questions to out_of_scope, insurance or the appointment intents.
EXTRA4 = {
"clinic_info": """
what are the prep instructions for a colonoscopy
any special instructions before a fasting lipid panel
how many hours before the glucose test should i stop eating
is fasting required for the a1c test
am i allowed coffee before bloodwork in the morning
do you have prep instructions for the abdominal ultrasound
what does the bowel prep involve
is there a prep sheet for my endoscopy
are there things i should avoid the day before my stress test
should i skip breakfast before my labs
can i eat normally before a thyroid blood test
i have a procedure next week, what do i need to know beforehand
what do i need to have with me when i check in
do i bring my medication list to the visit
should i bring a photo id to my first visit
what documents do new patients need to bring
is there a new patient form i can fill out at home
can i complete the intake forms online before i come
what kind of clothes should i wear for an mri
do i have to take off my jewelry for the scan
should i wear something loose for my physical therapy session
how far ahead of my appointment time should i show up
when should i check in for a morning procedure
how long does a colonoscopy usually take from check in to going home
how long is a typical new patient visit
will i be able to drive myself home after the procedure
do i need someone to drive me after sedation
can i bring my kids along to my appointment
is a family member allowed in the exam room
can someone come with me for my mri
is there a waiting area for the person who brings me
which door do i use for the imaging department
where is the lab inside the building
what floor is radiology on
where should i drop off a stool sample kit
can i bring my urine sample in from home
where do patients park for appointments
is parking validated if i have an appointment
where do i go when i arrive for my blood draw
do i need to drink water before my ultrasound
can i take a shower before my procedure
should i remove nail polish before surgery
what happens when i get to the clinic for my first visit
¿qué tengo que llevar a mi primera cita?
¿cuántas horas de ayuno necesito antes de mis análisis?
¿a qué hora debo llegar para mi procedimiento?
""",
"out_of_scope": """
what should i pack for a week at the beach
how early should i get to the airport for an international flight
what do i wear to a job interview
what documents do i need to renew my passport
can i bring a friend to the concert
how long does the dmv appointment usually take
which terminal does my airline use
where do i park at the stadium
what should i bring to the job fair
do i need to fast before running a marathon
how do i prepare for a job interview
how do i get ready for my driving test
what time should i arrive for my flight
""",
"insurance_coverage": """
is prior authorization needed before my mri
does my plan require a referral before the colonoscopy
will insurance cover the ultrasound before my surgery
do i need approval from my insurer before the sleep study
is pre-certification required for the ct scan
should i check my coverage before the endoscopy
""",
"lab_results": """
how did my colonoscopy go, are the biopsy results in
did the stress test show anything
any results yet from the ultrasound i had before
""",
"medical_question": """
should i still take my blood pressure pill if i'm fasting for labs
can i take insulin the morning of a fasting test
is it ok to take my thyroid medicine before a blood test
""",
}

SPANISH = {
"smalltalk": """
buenas tardes
buenas noches
¿cómo está usted?
muy amable, gracias
ok, muchas gracias por la ayuda
adiós, que tenga buen día
hola, buenos días señorita
nos vemos
""",
"book_appointment": """
quiero hacer una cita con el doctor
necesito una consulta para mi mamá
¿puedo agendar una cita para la próxima semana?
me gustaría ver al médico por un dolor de espalda
quiero programar un chequeo para mi hijo
necesito una cita para la vacuna de la gripe
¿me puede apuntar con la doctora el jueves?
hola, necesito cita urgente para mi niña que tiene tos
""",
"reschedule_appointment": """
necesito cambiar la fecha de mi cita
¿se puede pasar mi cita para la tarde?
no puedo ir el lunes, ¿me la cambia para el miércoles?
quiero mover la cita de mi esposo
¿podemos reprogramar la consulta para otro día?
cambie mi cita a la próxima semana por favor
""",
"cancel_appointment": """
quiero cancelar mi cita
necesito cancelar la consulta de mi hijo
por favor cancele mi cita de mañana
no voy a poder ir, cancele la cita
ya no necesito la cita del jueves
cancelar la cita con el doctor, gracias
""",
"list_appointments": """
¿cuándo es mi cita?
¿tengo cita mañana?
¿a qué hora es mi consulta?
¿con qué doctor es mi cita del viernes?
quiero saber cuándo es la próxima cita de mi hija
¿mi cita es por video o en persona?
¿tengo alguna cita esta semana?
""",
"check_availability": """
¿hay citas para hoy?
¿cuándo es la primera cita disponible?
¿tiene espacio el doctor esta semana?
¿hay horarios libres el sábado?
¿qué días atiende la doctora?
¿qué tan pronto me pueden ver?
""",
"prescription_refill": """
necesito más de mi medicina para la presión
¿me pueden renovar la receta de la metformina?
se me acabaron las pastillas
necesito surtir mi receta en la farmacia
por favor manden mi receta a walgreens
necesito un refill de mi inhalador
""",
"insurance_coverage": """
¿aceptan mi seguro médico?
¿el seguro cubre la vacuna?
¿cuánto es el copago con mi seguro?
¿aceptan medi-cal?
¿necesito una referencia para el especialista?
no tengo seguro, ¿cuánto cuesta la consulta?
""",
"billing": """
tengo una duda sobre mi factura
¿cuánto tengo que pagar?
me cobraron dos veces
quiero hacer un plan de pagos
¿dónde puedo pagar mi cuenta?
necesito un recibo de mi pago
""",
"lab_results": """
¿ya tienen los resultados de mis análisis?
quiero saber mis resultados de laboratorio
¿salieron bien mis exámenes de sangre?
¿cuándo estarán los resultados de la radiografía?
¿ya revisó el doctor mis resultados?
""",
"clinic_info": """
¿a qué hora abren?
¿a qué hora cierran hoy?
¿están abiertos los domingos?
¿cuál es la dirección de la clínica?
¿cuál es su número de teléfono?
¿tienen intérprete?
¿cómo pido mi expediente médico?
¿hay estacionamiento gratis?
""",
"medical_question": """
¿es normal tener tos después de un resfriado?
¿puedo tomar ibuprofeno con mi medicina de la presión?
¿qué síntomas tiene la diabetes?
¿cuánta agua debo tomar al día?
¿qué hago si mi hijo tiene fiebre leve?
¿cuánto dura la gripe?
""",
"emergency": """
mi esposa no respira
mi papá tiene dolor de pecho muy fuerte y está sudando
mi hijo se tomó muchas pastillas
me estoy desangrando
mi mamá se desmayó y no despierta
creo que me está dando un infarto
""",
"human_handoff": """
quiero hablar con una persona real
¿me puede llamar la enfermera?
comuníqueme con la recepción
necesito hablar con alguien de la oficina
quiero que me llame alguien por favor
""",
"out_of_scope": """
¿va a llover mañana?
¿cuál es el mejor restaurante cerca?
ayúdame con mi tarea de matemáticas
reserva un hotel en cancún
¿cuánto está el dólar hoy?
pon música
""",
"_continuation": """
el jueves
sí, está bien
la de la mañana
la primera
a las diez
con el doctor
no, la otra
mañana en la tarde
""",
}

# General-domain messages for out_of_scope: a clinic assistant sees trivia, chores, finance, travel, tech,
# entertainment and requests meant for other apps. Hard negatives share words with clinic intents (bills,
# schedules, bookings, cancellations, refills of things that are not prescriptions).
OOS_EXTRA = {"out_of_scope": """
how many ounces are in a cup
what's the square root of 144
convert 30 celsius to fahrenheit
how many days until christmas
what year did world war two end
who wrote pride and prejudice
who painted the mona lisa
what's the population of canada
how far is the sun from earth
what's the longest river in the world
how many continents are there
what language do they speak in brazil
what's the tallest mountain in north america
define the word serendipity
how do you spell necessary
what rhymes with orange
what's a synonym for happy
how do you say thank you in japanese
what's the exchange rate for euros
how much is a dollar in pesos
what's the interest rate on my savings account
how do i open a checking account
can you freeze my debit card
my credit card got declined at the store
report my credit card as stolen
what's the routing number for my bank
how do i apply for a mortgage
should i buy stocks or bonds
how do i invest in an index fund
what's the best budgeting app
how do i pay off student loans faster
when are property taxes due
how do i pay my water bill
my phone bill is too high, how do i lower it
cancel my magazine subscription
how do i return something to amazon
where is my package
when does target open
what's the cheapest gas near me
how do i jump start a car
when should i rotate my tires
how often should i change my oil
my check engine light is on
how do i renew my car registration
what's the speed limit on highways in texas
find me a mechanic
how do i fix a leaky faucet
my dishwasher won't drain
how do i paint a room
what's the best vacuum cleaner
how do i get a stain out of a carpet
how long do i boil an egg
give me a recipe for chicken soup
what can i make with ground beef and rice
how do i make cold brew coffee
what wine goes with salmon
is this restaurant open late
make a reservation at the steakhouse for friday
cancel my dinner reservation
how long is the flight to london
what's the baggage allowance on delta
check in for my flight
change my seat on the plane
cancel my hotel booking
what's a good hotel in new orleans
what do i need for a passport
do i need a visa to visit mexico
what's the best time to visit japan
what's the weather like in phoenix in july
how hot will it be today
is there a storm coming
what's the uv index today
when does the sun set tonight
who won the super bowl
when do the yankees play next
how is the stock market doing
what's the latest news
who is winning the election
what time does the game start
who's the best basketball player ever
how many players are on a soccer team
what movies came out this week
who played batman in the last movie
recommend a tv series like breaking bad
what's on tv tonight
play some jazz
skip this song
turn up the volume
turn off the lights
set the thermostat to 70
remind me to call mom at 6
add milk to my shopping list
what's on my calendar at work today
schedule a zoom call with the team
book a conference room for 2pm
move my work meeting to thursday
cancel my meeting with the client
send an email to my boss
how do i ask for a raise
write my resignation letter
how do i request time off at work
when is the next company holiday
how do i make a pivot table in excel
my laptop is running slow
how do i reset my password on facebook
how do i take a screenshot on a mac
my printer is offline
how do i update my iphone
what's the best programming language to learn
how do i center a div in css
explain recursion to me
debug this sql query
write a function that reverses a string
what is machine learning
how does the internet work
who invented the telephone
how do airplanes fly
why is the sky blue
how many legs does a spider have
what do pandas eat
how long do cats live
my dog keeps barking at night
how do i train my puppy to sit
where can i adopt a cat
what's a good name for a goldfish
how do i grow tomatoes
when should i plant tulips
how often should i water a cactus
tell me a bedtime story
tell me a fun fact
say something funny
sing me a song
do you have any riddles
let's play a game
what's your favorite color
do you dream
what's the meaning of friendship
write a haiku about autumn
help me write a birthday card for my sister
what gift should i get my husband
ideas for a 10 year old's birthday party
how do i tie a tie
how do i get wax out of jeans
what's the dress code for a wedding
how do i write a cover letter
what colleges have good engineering programs
help me study for my history test
what's the formula for the area of a circle
solve 2x plus 5 equals 11
how many calories in a banana
what time is it
what's today's date
how old is the queen
when is mother's day this year
is the post office open today
what time does the dmv close
how do i register to vote
how do i get a fishing license
where's the nearest atm
find a coffee shop near me
how do i get to the airport from downtown
how's the traffic on the freeway right now
call an uber for me
book a train ticket to boston
how much does a bus pass cost
i need a lawyer for a speeding ticket
how do i contest a parking ticket
how do i file for divorce
what's my horoscope today
will i win the lottery
refill my coffee
refill the printer ink
my bank charged me an overdraft fee
i got a bill from the cable company that's wrong
schedule a plumber to come tuesday
book a haircut for saturday
cancel my spotify
can you recommend a good dentist office to buy a house near
yo what's the score
lol whatever
banana
test test 123
i like turtles
what's 2 plus 2
¿qué hora es en japón?
recomiéndame una película
¿cómo se hace una tortilla?
¿dónde está el banco más cercano?
¿cuál es la capital de perú?
""",
}

# ----------------------------------------------------------------------------------------------------------
# Templates: {day} {time} {provider} {reason} {who} {med} {pharmacy} {insurer} {service} {test} {symptom}
# {amount} {place}
TEMPLATES = {
"smalltalk": [
    "hi {provider_first}", "hello, good {daypart}", "thanks so much {closing}", "ok great, {closing}",
    "thank you, {closing}", "{greeting}", "{greeting} {greeting2}", "{thanks}", "{thanks}, {closing}",
],
"book_appointment": [
    "i need to book an appointment for {reason}", "can i schedule {reason} {day}",
    "i'd like to see {provider} {day} {time}", "book me with {provider} for {reason}",
    "can you make an appointment for {who} {day}", "i want to come in {day} for {reason}",
    "please schedule {who} for {reason}", "need an appointment {day} {time}",
    "i'd like to book {reason} with {provider}", "can i get an appointment with {provider}",
    "set up a visit for {reason} please", "hi, i'd like to make an appointment {day} {time} for {reason}",
    "{who} needs an appointment for {reason}", "could you book {who} in with {provider} {day}",
    "i want to schedule an appointment, it's for {reason}", "book a video visit for {reason}",
    "i'm hoping to get {reason} scheduled {day}", "can you put me in {day} {time}",
    "i would like to schedule {reason} if there's anything {day}, thank you",
    "i'll take {day} {time} with {provider}", "yes please book the {day} {time} slot for {reason}",
    "schedule me for {reason}", "make me an appointment for {reason}",
    "quiero una cita para {who_es} el {day_es}", "book a {appt} with {provider} {day}",
    "i'd like to book a {appt} for {reason}", "can you set up a {appt} for {who}",
],
"reschedule_appointment": [
    "can i move my appointment to {day}", "i need to reschedule my {day} appointment",
    "please change my appointment with {provider} to {day} {time}",
    "can we reschedule {who}'s visit to {day}", "i can't make it {day}, can we do {day2} instead",
    "move my appointment from {day} to {day2}", "can i switch my appointment to {time}",
    "i need to push my appointment with {provider} to {day}", "reschedule my {reason} to {day}",
    "is it possible to change my appointment to {day} {time}",
    "could you move {who}'s appointment to {time}", "i have to reschedule {reason}, {day} would be better",
    "change my {day} appt to {day2}", "i'd like a different time for my appointment, maybe {day} {time}",
    "something came up, can we move my visit with {provider} to {day}",
    "i need to rebook my appointment for {day2}", "can you push my {reason} back to {day}",
    "quiero cambiar mi cita para el {day_es}", "move my {appt} to {day}", "reschedule {appt} #{ref} to {day}",
    "i need a new time for my {appt} with {provider}", "can my {appt} be moved to {time}",
],
"cancel_appointment": [
    "please cancel my appointment {day}", "cancel my appointment with {provider}",
    "i need to cancel {who}'s appointment on {day}", "cancel my {reason} appointment",
    "i won't make it {day}, please cancel", "can you cancel my {day} {time} appointment",
    "i'd like to cancel my visit with {provider} {day}", "cancel {who}'s {reason}",
    "please cancel the appointment for {reason}, we don't need it anymore",
    "i have to cancel my appointment {day}, i'll call later to rebook",
    "cancel my visit {day} please", "we need to cancel {day}, sorry",
    "quiero cancelar mi cita del {day_es}", "cancel my {appt} {day}", "please cancel {appt} #{ref}",
    "i no longer need my {appt} with {provider}", "remove my {appt} on {day}", "delete {who}'s {appt}",
],
"list_appointments": [
    "when is my appointment with {provider}", "do i have an appointment {day}",
    "what time is my appointment {day}", "when is {who}'s next appointment",
    "is my appointment {day} with {provider}", "what time is {who}'s appointment {day}",
    "do i have anything scheduled {day}", "when is my {reason} appointment",
    "is my appointment with {provider} in person or video", "where is my appointment {day}",
    "can you confirm my appointment {day}", "who is {who}'s appointment with {day}",
    "when was my last appointment with {provider}", "is my {reason} still scheduled for {day}",
    "what appointments does {who} have coming up", "do i have a {appt} {day}", "when's my {appt} with {provider}",
    "is my {appt} {day} or {day2}", "remind me when my {appt} is", "is {who}'s {appt} still on for {day}",
    "what time is the {appt} {day}", "do i have any {appt}s coming up",
],
"check_availability": [
    "does {provider} have any openings {day}", "what times are open {day}",
    "is there anything available {day} {time}", "how soon could {who} be seen for {reason}",
    "are there any slots with {provider} {day}", "any availability for {reason} {day}",
    "when is {provider} available", "do you have openings {time} {day}",
    "what's the earliest i could get in for {reason}", "does {provider} have anything {time}",
    "is {provider} taking new patients", "how long is the wait for {reason}",
    "are there any openings {day} for {who}", "what does availability look like {day}",
    "just checking, is there any opening {day} {time}? not booking yet",
    "¿hay citas disponibles el {day_es}?", "can i get in {day} {time}?", "could {who} be seen {day}?",
    "any free slots for a {appt} {day}", "what openings does {provider} have {day}",
    "is there a {appt} slot {time} {day}", "show me the free times for {provider}",
],
"prescription_refill": [
    "i need a refill on {med}", "can you refill {med}", "please refill {med} and send it to {pharmacy}",
    "can i get {med} renewed", "i'm out of {med}", "i'm running low on {med}",
    "send a refill for {med} to {pharmacy}", "can {provider} renew {med}",
    "refill {med} please", "{who} needs a refill of {med}", "i need my {med} prescription renewed",
    "transfer {med} to {pharmacy} and refill it", "can i get a 90 day supply of {med}",
    "the pharmacy needs authorization to refill {med}", "my {med} ran out",
    "need {med} refilled asap", "hi, could you please renew {med} for me, thank you",
    "necesito un refill de {med}",
],
"insurance_coverage": [
    "do you accept {insurer}", "is {service} covered by {insurer}", "does my insurance cover {service}",
    "are you in network with {insurer}", "what's my copay for {service}", "will {insurer} pay for {service}",
    "do i need a referral for {service} with {insurer}", "does {service} need prior authorization",
    "do you take {insurer}", "is {service} covered", "i have {insurer}, will {service} be covered",
    "how much will {service} cost with {insurer}", "does {insurer} cover {service} at your clinic",
    "does my deductible apply to {service}", "i just switched to {insurer}, are you in network",
    "¿aceptan {insurer}?",
],
"billing": [
    "i have a question about a charge of {amount}", "why was i charged {amount}",
    "i was billed {amount} for {reason}", "can i pay {amount} now", "i want to pay my balance of {amount}",
    "my statement says {amount} but insurance paid", "i need a refund of {amount}",
    "can i set up a payment plan for {amount}", "i got a bill for {reason} and i don't understand it",
    "why is there a {amount} charge on my bill", "i was charged {amount} twice",
    "can you explain the bill for {who}'s visit", "i already paid {amount}, why is there a balance",
    "i got a bill for {service}, i thought it was free", "is the {amount} balance from my {reason} visit",
    "tengo un cargo de {amount} que no entiendo",
],
"lab_results": [
    "are my {test} results back", "did my {test} come back", "what did my {test} show",
    "when will my {test} results be ready", "can you tell me my {test} results",
    "has {provider} looked at my {test}", "any news on {who}'s {test}", "is my {test} normal",
    "i had a {test} {day_past}, are the results in", "can someone explain my {test} results",
    "i'm waiting for my {test} results", "what were the results of my {test}",
    "my {test} results show high, what does that mean for me", "can i get a copy of my {test} results",
    "¿ya están los resultados de mi {test}?",
],
"clinic_info": [
    "what are your hours on {weekday}", "are you open {weekday}", "what time do you open {weekday}",
    "do you offer {service}", "is there parking at the {location} office", "where is the {location} office",
    "what's the phone number for the {location} location", "do you have {service} at the {location} clinic",
    "how do i get to the {location} office", "is the {location} office open {weekday}",
    "what time does the {location} clinic close", "do you provide {service}",
    "¿están abiertos el {weekday_es}?",
],
"medical_question": [
    "what can i take for {symptom}", "is {symptom} something to worry about",
    "how long does {symptom} usually last", "what helps with {symptom}",
    "i've had {symptom} for a couple days, what should i do", "can {med} cause {symptom}",
    "what are the side effects of {med}", "can i take {med} with ibuprofen",
    "is it safe to take {med} while pregnant", "should i see a doctor for {symptom}",
    "{who} has {symptom}, what should we do at home", "does {med} interact with alcohol",
    "is {symptom} a side effect of {med}", "what's the best home remedy for {symptom}",
    "¿qué puedo tomar para {symptom_es}?",
],
"emergency": [
    "{who} is not breathing", "{who} collapsed and won't wake up", "{who} is having a seizure right now",
    "{who} is choking", "{who} took a whole bottle of pills", "{who} can't breathe",
    "{who} has chest pain and is sweating", "{who}'s face is drooping and speech is slurred",
    "{who} is bleeding a lot and it won't stop", "{who} fell and is unconscious",
    "{who} is having a severe allergic reaction", "{who} is unresponsive",
    "help, {who} is turning blue", "{who} swallowed something and is gasping",
],
"human_handoff": [
    "can i talk to {staff}", "i want to speak with {staff}", "please have {staff} call me",
    "connect me to {staff}", "can {staff} call me back", "i need to talk to {staff} please",
    "transfer me to {staff}", "let me speak with {staff}", "have {staff} give me a call about {topic}",
    "i'd like {staff} to call me about {topic}", "can i get {staff} on the phone",
],
"out_of_scope": [
    "what are the hours of {biz}", "when does {biz} close", "where is the nearest {biz}", "is {biz} open on sunday",
    "call {biz} and ask if they're open", "directions to {biz}", "what's the phone number for {biz}",
    "book {nonmed_appt} for {day}", "schedule an appointment with {nonmed_pro} {day}", "cancel my {nonmed_appt}",
    "reschedule my {nonmed_appt} to {day}", "when is my {nonmed_appt}", "is {nonmed_pro} available {day}",
    "{phone_task}", "please {phone_task}", "can you {phone_task}",
    "how do i {howto}", "how can i {howto}", "what's the best way to {howto}", "can you tell me how to {howto}",
    "what is {thing}", "tell me about {thing}", "explain {thing}", "how does {thing} work",
    "how long does it take to {howto}", "where can i find {item}", "find me {item}", "i need {item}",
    "what's a good {item_kind} to buy", "recommend {item}", "is it worth buying {item}",
    "who is the best {person_kind}", "how much does {item} cost", "where did i put {item}",
    "show me {item}", "look up {thing}", "why is {thing} so popular",
    "what's the weather in {place}", "book a hotel in {place}", "find flights to {place}",
    "what's the time in {place}", "best restaurants in {place}", "things to do in {place}",
    "how far is {place} from here", "rent a car in {place}", "{oos_task}", "can you {oos_task}",
    "please {oos_task}", "hey can you {oos_task} for me",
],
"_continuation": [
    "{day}", "{day} {time}", "{time}", "{provider}", "with {provider}", "{day} works", "{day} is fine",
    "yes {day}", "how about {day}", "{day} please", "{pharmacy}", "{provider} please", "{time} please",
    "for {who}", "{day} {time} with {provider}", "ok {day}", "{med}",
],
}

FILL = {
    "day": DAYS, "day2": DAYS, "time": TIMES, "provider": PROVIDERS, "reason": REASONS, "who": WHO, "med": MEDS,
    "pharmacy": PHARMACIES, "insurer": INSURERS, "service": SERVICES, "test": TESTS, "symptom": SYMPTOMS,
    "amount": AMOUNTS, "place": PLACES,
    "appt": ["appointment", "appt", "visit", "consultation", "checkup", "session", "booking", "follow-up",
             "telehealth visit", "physical"],
    "biz": ["the grocery store", "the library", "the post office", "the dmv", "home depot", "the bank",
            "the mall", "the gym", "starbucks", "the hardware store", "the park", "the car wash", "the museum",
            "the pet store", "the city pool", "the movie theater", "best buy", "the dry cleaner", "costco"],
    "nonmed_appt": ["a haircut", "an oil change", "a tee time", "a massage", "a nail appointment",
                    "a meeting with my accountant", "a tutoring session", "a driving lesson", "a table for four",
                    "a car service appointment", "a dog grooming appointment", "a house showing",
                    "a job interview", "a parent teacher conference", "a yoga class", "a piano lesson"],
    "nonmed_pro": ["my lawyer", "the credit counselor", "my financial advisor", "the barber", "my accountant",
                   "the realtor", "my professor", "my academic advisor", "the mechanic", "my personal trainer",
                   "the landlord", "my tax preparer", "the wedding planner", "my boss"],
    "phone_task": ["read my last text message", "call my sister", "send a text to john", "accept the incoming call",
                   "ignore this call", "what's on my to do list", "add eggs to my grocery list",
                   "set a reminder to water the plants", "turn on do not disturb", "check my voicemail",
                   "find my phone", "open spotify", "take a note", "what's my next meeting at work",
                   "read my emails", "share my location with my wife"],
    "howto": ["fix a flat bike tire", "get gum out of my hair", "learn guitar", "change my car's headlight",
              "make pancakes", "clean my oven", "start a podcast", "get better at chess", "save for retirement",
              "build a deck", "remove rust from tools", "unclog a toilet", "speed up my computer",
              "back up my phone", "win at poker", "knit a scarf", "become a pilot", "get a real estate license",
              "sell my car", "write a novel", "set up a fish tank", "get rid of fruit flies",
              "hang a picture", "pick a ripe avocado", "get a job at google", "learn to swim as an adult",
              "do a cartwheel", "parallel park", "file an insurance claim for my car", "train for a marathon",
              "iron a shirt", "make my own candles", "cancel my car insurance", "connect my tv to wifi",
              "improve my credit score", "refinance my house", "split a bill with friends", "find my lost phone",
              "book a campsite", "make friends in a new city", "clean a cast iron pan", "download a movie"],
    "thing": ["the stock market", "bitcoin", "the french revolution", "black holes", "photosynthesis",
              "the electoral college", "inflation", "a 401k", "the offside rule", "artificial intelligence",
              "the pythagorean theorem", "climate change", "the roman empire", "quantum computing",
              "cryptocurrency mining", "a roth ira", "the big bang", "game theory", "the olympics",
              "the theory of relativity", "wifi", "a hybrid engine", "the golden ratio", "greek mythology",
              "the dewey decimal system", "a solar panel", "the moon landing", "a mortgage rate", "jazz music",
              "minecraft", "the tax code", "the plot of hamlet", "a heat pump", "the lottery"],
    "item": ["a cheap laptop", "the tv remote", "my car keys", "a good pizza place", "concert tickets",
             "a used car", "a wedding venue", "running shoes", "a winter coat", "a birthday cake",
             "a moving company", "a good podcast", "a new phone case", "a plumber", "an apartment for rent",
             "a hotel with a pool", "a dog walker", "cheap flights", "a gaming chair", "a good novel",
             "coupons for groceries", "a tutor for algebra", "a christmas tree", "a bike repair shop"],
    "item_kind": ["tv", "phone", "car", "laptop", "blender", "mattress", "camera", "video game", "board game",
                  "stroller", "grill", "watch"],
    "person_kind": ["quarterback", "singer", "actor", "chess player", "director", "golfer", "author",
                    "rapper", "tennis player", "chef"],
    "ref": ["48213", "10293", "55710", "90001", "31337"],
    "provider_first": ["there", "again", "friend", "bot", "folks", "everyone"],
    "daypart": ["morning", "afternoon", "evening"],
    "greeting": ["hi", "hello", "hey there", "good morning", "good afternoon", "howdy", "hi hi", "heya"],
    "greeting2": ["how are you", "hope you're well", "how's your day", "nice to chat", "anyone there?"],
    "thanks": ["thanks", "thank you", "thanks a bunch", "thank you kindly", "much obliged", "many thanks",
               "thanks a million", "cheers"],
    "closing": ["bye", "goodbye", "have a good day", "take care", "see you", "talk soon", "have a great weekend",
                "that's all"],
    "who_es": ["mi hijo", "mi hija", "mi esposo", "mi mamá", "mí"],
    "day_es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
    "weekday": ["saturday", "sunday", "monday", "friday", "weekends", "holidays", "christmas eve",
                "memorial day", "today", "the 4th of july"],
    "weekday_es": ["sábado", "domingo", "lunes"],
    "location": ["downtown", "north", "main street", "eastside", "westfield", "riverside", "lakeview"],
    "day_past": ["yesterday", "last week", "on monday", "two weeks ago", "friday"],
    "symptom_es": ["la tos", "el dolor de garganta", "la fiebre", "el dolor de espalda"],
    "staff": ["a nurse", "the front desk", "a real person", "someone in billing", "the office manager",
              "a human", "the doctor's assistant", "a staff member", "reception", "someone at the clinic",
              "a live agent", "my doctor's nurse"],
    "topic": ["my bill", "my medication", "my test results", "my mom's care", "a referral",
              "my appointment", "a form i need signed", "my insurance"],
    "oos_task": ["write a python script", "recommend a movie", "tell me a riddle", "convert 10 miles to km",
                 "order groceries", "find a good sushi place", "check the football scores",
                 "help me with my resume", "book a massage at the spa", "reserve a rental car",
                 "find me a hotel for the weekend", "summarize the news", "play my workout playlist",
                 "set a timer for 10 minutes", "check my bank account", "pay my phone bill",
                 "cancel my cable subscription", "schedule a haircut", "book a table at an italian place",
                 "help me pick a laptop", "explain how blockchain works", "solve this math problem",
                 "translate this to german", "look up the lyrics to a song", "find a babysitter",
                 "schedule my car for an oil change", "renew my passport", "renew my driver's license",
                 "tell me about the history of rome", "give me a recipe for lasagna"],
}


def fill(template):
    out = template
    while "{" in out:
        start = out.index("{")
        end = out.index("}", start)
        key = out[start + 1:end]
        out = out[:start] + rng.choice(FILL[key]) + out[end + 1:]
    return out


def typo(text):
    """One keyboard-ish slip: drop, double or swap a letter inside a word."""
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    if len(letters) < 6:
        return text
    i = rng.choice(letters[1:-1])
    kind = rng.random()
    if kind < 0.4:
        return text[:i] + text[i + 1:]
    if kind < 0.7:
        return text[:i] + text[i] + text[i:]
    if i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text


POLITE_PRE = ["hi, ", "hello, ", "good morning, ", "excuse me, ", "sorry to bother you, ", "hey ",
              "hi there. ", "dear, ", "quick question: ", "um ", "so ", "ok so ", "hello, i hope you're well. "]
POLITE_POST = [" please", " thanks", " thank you!", " thx", " asap", ", thank you kindly", " if possible",
               " if you can", "?", "!", " :)", " ty", ", appreciate it"]


def vary(text, label):
    """Surface noise; never applied to continuation replies beyond case (they must stay short)."""
    r = rng.random()
    if label in ("_continuation",):
        return text.capitalize() if r < 0.3 else text
    if r < 0.12:
        text = typo(text)
    elif r < 0.2:
        text = text.capitalize() + "."
    elif r < 0.26:
        text = text.upper() if len(text) < 40 else text
    if label not in ("smalltalk", "out_of_scope", "emergency") and rng.random() < 0.18:
        text = rng.choice(POLITE_PRE) + text
    if label != "emergency" and rng.random() < 0.12:
        text = text + rng.choice(POLITE_POST)
    return text


rng_extra4 = random.Random(20261126)
# Templates of EXTRA4's kind (visit and test preparation), filled from rng_extra4: the concept lexicon's TEST
# words carry the difference from "how do i prepare for a job interview" (out_of_scope).
PREP_TESTS = ["blood test", "blood draw", "fasting blood test", "colonoscopy", "mri", "ct scan", "ultrasound",
              "mammogram", "endoscopy", "stress test", "glucose tolerance test", "cholesterol check",
              "lipid panel", "a1c test", "x-ray", "bone density scan", "sleep study", "biopsy", "ekg",
              "pap smear", "urine test", "physical", "surgery", "procedure", "cardiac echo", "allergy testing"]
PREP_TEMPLATES = ["how do i prepare for my {t}", "how should i prepare for the {t}", "getting ready for my {t}, any tips",
                  "do i have to fast for the {t}", "can i eat before the {t}", "any instructions before my {t}",
                  "what should i do before my {t}", "how early should i come in for my {t}",
                  "what should i bring to my {t}", "is there prep for the {t}", "how long does the {t} take",
                  "can i drink coffee before my {t}", "what should i wear for my {t}"]
# data/intents/prep_probe.jsonl checks them (docs/QUALITY.md): no generated message contains one of its sentences.
PREP_PROBE = [json.loads(line)["text"].lower().rstrip("?") for line in
              open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "prep_probe.jsonl"), encoding="utf-8") if line.strip()]


def vary_with(stream, text, label):
    """vary() drawing from `stream` instead of the module's generator."""
    global rng
    saved, rng = rng, stream
    try:
        return vary(text, label)
    finally:
        rng = saved


def main():
    rows, late, seen_prep = [], [], set()
    targets = {"_continuation": 260, "out_of_scope": 950}
    for label, block in HAND.items():
        hand = [l.strip() for l in (block + EXTRA.get(label, "") + EXTRA2.get(label, "") + EXTRA3.get(label, "") + SPANISH.get(label, "") + OOS_EXTRA.get(label, "")).splitlines() if l.strip()]
        seen = set()
        items = []
        for line in hand:  # hand-written lines verbatim, plus one noisy copy of some of them
            items.append(line)
            if rng.random() < 0.35:
                items.append(vary(line, label))
        target = targets.get(label, 300)
        tries = 0
        while len(items) < target and tries < 20000 and TEMPLATES.get(label):
            tries += 1
            items.append(vary(fill(rng.choice(TEMPLATES[label])), label))
        for t in items:
            key = t.lower().strip()
            if key in seen:
                continue
            seen.add(key)
            rows.append({"text": t, "intent": label})
        # Added after the set above was settled, from a random stream of their own and at random places in the
        # shuffled order below, so every other message and its place stay as they were (one more draw from `rng`
        # would redraw every later template fill, typo and the whole order).
        for line in (l.strip() for l in EXTRA4.get(label, "").splitlines() if l.strip()):
            for t in [line] + ([vary_with(rng_extra4, line, label)] if rng_extra4.random() < 0.35 else []):
                if t.lower().strip() not in seen:
                    seen.add(t.lower().strip())
                    late.append({"text": t, "intent": label})
    for _ in range(90):
        t = rng_extra4.choice(PREP_TEMPLATES).replace("{t}", rng_extra4.choice(PREP_TESTS))
        t = vary_with(rng_extra4, t, "clinic_info")
        if t.lower().strip() not in seen_prep and not any(p in t.lower() for p in PREP_PROBE):
            seen_prep.add(t.lower().strip())
            late.append({"text": t, "intent": "clinic_info"})
    rng.shuffle(rows)
    for r in late:
        rows.insert(rng_extra4.randrange(len(rows) + 1), r)
    for r in rows:
        sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
