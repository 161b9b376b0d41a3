"""Operating the several-process deployment: the nginx config beside this file and the
warm-up command (:mod:`deploy.warm`)."""
