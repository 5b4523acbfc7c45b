"""Regular-expression fragments shared by the English and creole crisis patterns (the text
is already normalised: lower case, no accents, punctuation as spaces)."""

SELF = r"(?:my|mi|me|meh|mih|mah|ma) ?(?:self|sef)"
ME = r"(?:me|mi|meh|mih|muh|us|we|her|she|him)"
KIN = (
    r"(?:kid|kids|child|children|chile|pickney|pikni|son|daughter|dawta|darta|baby|babies"
    r"|family|wife|husband|mother|mom|mum|madda|father|dad|brother|sister|girl|boy"
    r"|grand ?child\w*|grand ?daughter|grandson|niece|nephew|step ?daughter|step ?son)"
)
MY = r"(?:my|mi|meh|mih|muh|mah|ma|her|his|our|di|the|de)"
WANT = r"(?:want|wants|wanted|wanna|wana|wan|waan|wah|waa|wish|wishing|ready|rather|prefer)"
GOING = (
    r"(?:go|gon|gonna|gona|going|goin|ga|a go|ago|will|ll|wan|want|wants|wanna|waan|wah|try"
    r"|tried|tries|trying|tryin|tryna|plan|plans|planning|out|come|coming|comin|fi|fuh|to"
    r"|nearly|almost|coulda|finna|bout|about|threaten|threatened|threatens|swear|swore"
    r"|promise|promised|say|said|seh|sey|sez)"
)
HIT = (
    r"(?:beat|beats|beatin|beating|beaten|bet|punch\w*|slap\w*|chok\w*|strangl\w*|lick|licked"
    r"|licking|lickin|box|boxed|boxing|lash|lashed|lashes|lashing|lashin|stab\w*|juk|jook\w*"
    r"|chop|chopped|choppin|chopping|shot|shoot|shoots|shooting|shootin|attack\w*|assault\w*"
    r"|batter\w*|thump\w*|torture\w*|rape|raped|rapes|raping|molest\w*|drag|dragged|drags"
    r"|dragging|abus\w*|threaten\w*|tie|tied)"
)
PILLS = r"(?:pills?|tablets?|meds|medication|medicine|capsules?|panadol|tylenol|sleeping)"
POISON = (
    r"(?:poison|gramoxone|paraquat|weed ?killer|pesticide|insecticide|antifreeze|bleach"
    r"|clorox|malathion|kerosene|lye)"
)
LOTS = (
    r"(?:all|whole|entire|bottle|box|pack|packet|lot|lots|bunch|heap|too many|too much"
    r"|handful|plenty|nuff|bare|extra|every|\d+)"
)
A_MESSAGE = (
    r"(?:a|an|some|ur|your|the) (?:text|txt|message|msg|email|mail|line|call|note|link|number"
    r"|info|details|address)"
)
NOT_A_PLACE = r"(?! (?:here|there|in|inna|with|wid|at|by|near|on|round|around|over|ova)\b)"
