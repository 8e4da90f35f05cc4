(function(){
  "use strict";
  function clear(){document.querySelectorAll(".on,.sel").forEach(function(e){e.classList.remove("on","sel");});}
  function sourceOf(id){return document.querySelectorAll('.source [data-ids~="'+id+'"]');}
  function showSource(id){
    var found=sourceOf(id);
    found.forEach(function(e){e.classList.add("on");});
    if(found.length){found[0].scrollIntoView({block:"center"});}
    return found.length;
  }
  function showExtraction(id){
    var target=document.getElementById("x-"+id);
    if(target){target.classList.add("sel");target.scrollIntoView({block:"center"});}
    return !!target;
  }
  document.addEventListener("click",function(ev){
    var ref=ev.target.closest("[data-ref]");
    if(ref){clear();ref.classList.add("sel");showSource(ref.getAttribute("data-ref"));return;}
    var src=ev.target.closest(".source [data-ids]");
    if(src){
      var ids=src.getAttribute("data-ids").split(" "), id=ids[ids.length-1];
      clear();showSource(id);showExtraction(id);
    }
  });
  window.policyparseShow=function(id){clear();return showSource(id);};
})();
