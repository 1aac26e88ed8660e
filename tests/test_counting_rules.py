"""Each counting and recording rule as a case named after it (issue 3, "Done when").

Narratives written for these tests; the rules are in domain.md sections 1-3. The reader runs with
its declared rules only (model=None) so each test pins a rule, not a trained weight.
"""

from vigil.reading import classify


def read(narrative: str, **kwargs) -> dict:
    return classify(narrative, model=None, **kwargs)


def crimes(result: dict) -> dict[str, int]:
    return {o["code"]: o["count"] for o in result["offences"]}


def test_two_victims_of_one_assault_are_two_crimes():
    result = read("INF STATES MALE PUNCHED BOTH JOHN AND MARK OUTSIDE THE WHITE HART, NO INJURIES")
    assert crimes(result) == {"105A": 2}
    assert result["crime_count"] == 2
    assert any("Section D" in ref for ref in result["offences"][0]["rule_refs"])


def test_assault_on_his_two_sons_is_two_crimes():
    assert read("Caller states her husband assaulted his two sons in the kitchen, no injuries seen")["crime_count"] == 2


def test_assault_and_damage_to_same_victim_is_one_crime_principal_crime_rule():
    result = read("IP states her ex-partner punched her in the face causing a cut lip, then smashed her phone on the floor.")
    assert crimes(result) == {"8N": 1}
    assert any("Section F" in ref for ref in result["offences"][0]["rule_refs"])


def test_damage_to_another_victims_property_is_a_separate_crime():
    result = read("Suspect slapped his wife, no injuries, then went outside and kicked the wing mirror off the neighbour's car.")
    assert crimes(result) == {"105A": 1, "58C": 1}
    assert result["crime_count"] == 2


def test_several_assaults_on_one_victim_reported_together_are_one_crime_finished_incident_rule():
    result = read("IP states partner slapped her, then pushed her into the wall and later kicked her leg. No injuries.")
    assert crimes(result) == {"105A": 1}


def test_stalking_over_weeks_is_one_course_of_conduct():
    result = read("Caller states her ex has followed her to work and waited outside her house on several occasions "
                  "over the past three weeks. She is frightened.")
    assert crimes(result) == {"8Q": 1}
    assert any("course of conduct" in ref for ref in result["offences"][0]["rule_refs"])


def test_stalking_and_damage_since_may_2023_is_one_crime_the_most_serious():
    narrative = ("Victim reports her ex-partner has been following her and watching her house repeatedly for two months; "
                 "last night he slashed the tyres of her car.")
    assert crimes(read(narrative, reported_at="2024-03-01T10:00:00Z")) == {"8Q": 1}


def test_stalking_and_assault_between_2018_and_2023_were_both_recorded():
    narrative = ("Victim reports her ex-partner has been following her and watching her house repeatedly for two months; "
                 "yesterday he punched her in the face causing bruising.")
    assert crimes(read(narrative, reported_at="2021-06-01T10:00:00Z")) == {"8N": 1, "8Q": 1}
    assert crimes(read(narrative, reported_at="2024-06-01T10:00:00Z")) == {"8N": 1}


def test_threat_to_punch_is_not_an_assault():
    result = read("Male squared up to the caller and threatened to punch him, no physical contact. Caller scared.")
    assert "105A" not in crimes(result)
    assert crimes(result) == {"9A": 1}


def test_threat_to_kill_is_threats_to_kill_not_assault():
    assert crimes(read("IP states her husband told her he will kill her if she leaves him. She believes him.")) == {"3B": 1}


def test_no_injuries_means_common_assault_not_abh():
    assert crimes(read("IP STATES EX-P PUNCHED HER TO THE HEAD. NO INJURIES.")) == {"105A": 1}


def test_injury_makes_it_assault_with_injury():
    assert crimes(read("IP states partner punched her in the face, she has a swollen eye and a cut lip.")) == {"8N": 1}


def test_historic_report_is_still_a_crime():
    result = read("Female reports she was raped by her former boyfriend in 2009 when she was 19. Wants it recorded now.")
    assert crimes(result) == {"19C": 1}
    assert result["crime"] is True


def test_report_for_another_force_is_not_recorded_here():
    result = read("IP reports her bag was stolen while on holiday in Cornwall; occurred in the Devon and Cornwall Police area, "
                  "transferred to Devon and Cornwall Police to record.")
    assert result["crime"] is False
    assert result["non_crime_reason"] == "transfer to another force"


def test_credible_evidence_to_the_contrary_is_no_crime():
    result = read("Caller alleged she was pushed by the door supervisor. CCTV reviewed by officers shows she tripped "
                  "on the step, no contact was made.")
    assert result["crime"] is False
    assert result["non_crime_reason"] == "credible evidence to the contrary"


def test_retraction_alone_does_not_cancel_a_disclosed_crime():
    result = read("0130 IP on 999 states partner punched her in the face, bruising to cheek. "
                  "0200 officers on scene, IP now says nothing happened and does not want police involvement.")
    assert crimes(result) == {"8N": 1}
    assert any("retraction" in ref for ref in result["offences"][0]["rule_refs"])


def test_civil_dispute_is_not_a_crime():
    result = read("Caller in dispute with landlord over return of his deposit, landlord refusing to pay. Advised civil matter.")
    assert result["crime"] is False
    assert result["non_crime_reason"] == "civil dispute"


def test_lost_property_is_not_a_crime():
    result = read("Caller lost her purse somewhere in town this afternoon, thinks she may have dropped it on the bus.")
    assert result["crime"] is False
    assert result["non_crime_reason"] == "lost property"


def test_concern_for_welfare_is_not_a_crime():
    result = read("RP concerned for welfare of elderly neighbour, not seen for three days, milk on doorstep.")
    assert result["crime"] is False
    assert result["non_crime_reason"] == "concern for welfare"


def test_noise_is_not_a_crime():
    result = read("Neighbours at number 12 playing loud music again, third night running.", opening_code="ASB-NUISANCE")
    assert result["crime"] is False
    assert result["asb"] == {"category": "nuisance"}


def test_non_notifiable_traffic_offence_is_not_a_crime():
    result = read("Caller reports a van parked on the pavement blocking the footpath, driver also speeding earlier.")
    assert result["crime"] is False
    assert result["non_crime_reason"] == "not notifiable"


def test_asb_disclosing_a_crime_is_crime_and_asb():
    result = read("Youths outside the shop again, shouting abuse at the caller and one of them threatened to stab her. "
                  "She is terrified.", opening_code="ASB-PERSONAL")
    assert result["crime"] is True
    assert "9A" in crimes(result)
    assert result["asb"] is not None


def test_negated_theft_is_not_a_crime():
    assert read("Suspicious male seen trying the door of the shed, nothing taken and no damage, no entry.")["offences"] == [] or \
        all(o["code"] != "49" for o in read("Suspicious male near the shed, nothing was stolen.")["offences"])


def test_weapon_possession_is_counted_separately_from_the_assault_on_a_victim():
    result = read("Male punched the victim in the street, no injuries. On search officers found a lock knife in his waistband.")
    assert crimes(result) == {"105A": 1, "10D": 1}


def test_third_party_rape_report_the_victim_denies_is_n100_not_a_crime():
    result = read("Anonymous caller says a girl called Amy was raped after a party. Amy traced and spoken to, she says "
                  "nothing happened and it is a rumour.")
    assert result["crime"] is False
    assert "N100" in result["non_crime_reason"]


def test_third_party_report_the_victim_confirms_is_a_crime():
    result = read("Neighbour reports hearing a man shouting and a woman screaming. On arrival the female confirmed her "
                  "partner slapped her, red mark to cheek, she wants to support.")
    assert crimes(result) == {"8N": 1}


def test_already_reported_assault_is_not_counted_again_finished_incident_rule():
    result = read("IP states her ex punched her last week, already reported under crime ref 12345. "
                  "Today he turned up and smashed her car window.")
    assert crimes(result) == {"58C": 1}


def test_one_injury_line_for_each_victim_grades_every_assault_section_d():
    result = read("Male attacked the IP and her brother outside the chip shop, 2 people punched. Each has facial injuries.")
    assert crimes(result) == {"8N": 2}


def test_threat_to_damage_and_threatening_behaviour_to_one_person_is_one_crime_principal_crime_rule():
    # Criminal Damage Act 1971 s2: the threat is made to the person, so it competes for that victim (Section F)
    result = read("Youths outside shouting abuse at the caller, said they will smash her windows, caller very distressed")
    assert crimes(result) == {"9A": 1}


def test_damage_to_the_injured_partys_own_phone_is_absorbed_by_the_assault_on_them_principal_crime_rule():
    result = read("IP STATES EX-PARTNER STRUCK IP IN THE RIBS AND SMASHED IP'S PHONE, NO VISIBLE INJURIES")
    assert crimes(result) == {"105A": 1}


def test_a_victim_named_once_and_called_ip_after_is_one_victim_section_d():
    result = read("INF REPORTS TWO MALES KICKED AND PUNCHED Darren COLE OUTSIDE THE CHIPPY. IP CHECKED OVER - NO VISIBLE INJURIES")
    assert crimes(result) == {"105A": 1}


def test_two_people_named_as_victims_stay_two_crimes_section_d():
    assert crimes(read("Male punched Darren Cole and Amy Shaw outside the chippy, no injuries"))["105A"] == 2


# --- state-based offences: one crime per offender, violent disorder one per incident -------------


def test_two_offenders_each_with_drugs_are_two_crimes_one_per_offender():
    result = read("S&S ON THE HIGH ST: TWO MALES STOPPED, EACH HAD A BAG OF HERBAL CANNABIS IN HIS POCKET. BOTH ARRESTED")
    assert crimes(result) == {"92E": 2}
    assert any("one crime per offender" in ref for ref in result["offences"][0]["rule_refs"])


def test_numbered_suspects_found_with_wraps_are_one_crime_each():
    result = read("Obs on the estate. Male 1 found with 12 wraps of crack in his sock. Male 2 had 8 wraps of heroin and cash. PWITS.")
    assert crimes(result) == {"92A": 2}


def test_one_person_with_drugs_is_one_crime():
    assert crimes(read("Male searched under s23, small bag of cannabis found in his jacket, admitted it was his")) == {"92E": 1}


def test_violent_disorder_is_one_crime_for_the_incident_however_many_take_part():
    result = read("0105 MASS BRAWL OUTSIDE THE CLUB, 20 MALES FIGHTING, BOTTLES BEING THROWN. 4 ARRESTED FOR VIOLENT DISORDER")
    assert crimes(result) == {"62A": 1}


# --- victims the log numbers or counts (HOCR Section D) ---------------------------------------------


def test_injured_parties_numbered_ip1_and_ip2_are_two_crimes_section_d():
    result = read("0152 MALE ASSAULTED LADS AT THE TAXI RANK, NOW DETAINED\n"
                  "0204 IP1 NOSE BLEEDING. IP2 SPLIT LIP, TO SUPPORT")
    assert crimes(result) == {"8N": 2}


def test_cars_of_owners_at_three_addresses_are_three_crimes_section_d():
    result = read("Male seen trying car door handles along the street on doorbell footage. "
                  "Tried the doors of cars belonging to the owners at no 4, 9 and 15, all locked, nothing taken.")
    assert crimes(result) == {"126": 3}


def test_vans_of_three_different_owners_are_three_crimes_section_d():
    result = read("Overnight the side windows of vans on Mill Road were smashed and power tools taken from each. "
                  "3 vans, 3 different owners.")
    assert crimes(result) == {"45": 3}


def test_a_course_of_conduct_aimed_at_a_couple_is_one_crime_for_each_of_them():
    # HOCR Stalking and harassment: one crime per victim per course of conduct (domain.md 1.9)
    result = read("RP Mr and Mrs Hale. Neighbour at no 4 has since January shouted abuse at them over the fence most days "
                  "and filmed them in the garden. Both say they are distressed")
    assert crimes(result) == {"8L": 2}


def test_four_huts_each_with_a_different_owner_are_four_crimes():
    # HOCR Section D: one crime per victim (each owner)
    result = read("BEACH HUT ASSOCIATION REPORT OVERNIGHT GRAFFITI ON 4 BEACH HUTS, EACH WITH A DIFFERENT OWNER")
    assert sum(crimes(result).values()) == 4
