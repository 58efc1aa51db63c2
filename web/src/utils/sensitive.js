// Sensitive-factor codes (CONTRACTS §1); labels are in the message files as
// sensitive.<group>_<code>.
export const SENSITIVE_CODES = {
  persons: ['official', 'foreign_national', 'minor', 'student', 'journalist', 'celebrity', 'religious_figure'],
  places: ['government_compound', 'school', 'hospital', 'transport_hub', 'religious_site', 'landmark'],
  behaviours: ['self_immolation', 'explosion_threat', 'hostage', 'suicide_threat', 'attack_on_crowd', 'arson'],
  times: ['national_holiday', 'major_meeting', 'anniversary'],
};
