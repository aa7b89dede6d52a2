// Public API of @topicops/coherence: topic coherence: c_v, u_mass, c_npmi, c_uci
